#include "requests/import.h"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <exception>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "core/bounded_queue.h"
#include "core/csv.h"
#include "core/files.h"
#include "core/text.h"
#include "housing/stock.h"
#include "requests/request.h"
#include "store/request_store.h"
#include "store/stock_store.h"

namespace ghd {

namespace {

constexpr size_t kMaxWarnings = 50;
constexpr size_t kBatchRows = 2048;
// Files from this size on (some 80,000 requests) are written in bulk mode.
constexpr size_t kBulkBytes = 16u << 20;

std::int64_t fnv1a(std::initializer_list<std::string_view> parts) {
  std::uint64_t h = 1469598103934665603ULL;
  for (auto p : parts) {
    for (unsigned char c : p) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0x1f;
    h *= 1099511628211ULL;
  }
  return static_cast<std::int64_t>(h >> 1);
}

// Turns a cell value into one of our ids: the mapping's own table first,
// then our ids and French labels, ignoring case and accents.
class TermMapper {
 public:
  TermMapper(const std::vector<Term>& terms, const std::map<std::string, std::string>* custom)
      : terms_(terms), custom_(custom) {}
  const std::string* map(const std::string& value) {
    auto it = cache_.find(value);
    if (it == cache_.end()) {
      std::string id;
      if (custom_) {
        auto c = custom_->find(std::string(trim(value)));
        if (c != custom_->end()) id = c->second;
      }
      if (id.empty())
        if (const Term* t = find_term(terms_, value)) id = t->id;
      it = cache_.emplace(value, id).first;
    }
    return it->second.empty() ? nullptr : &it->second;
  }

 private:
  const std::vector<Term>& terms_;
  const std::map<std::string, std::string>* custom_;
  std::unordered_map<std::string, std::string> cache_;
};

bool has_bom(std::string_view bytes) { return bytes.substr(0, 3) == "\xEF\xBB\xBF"; }

// UTF-8 when the first non-ASCII sequences are valid UTF-8 (Windows-1252 text
// almost never is), else Windows-1252.
Encoding guess_encoding(std::string_view bytes) {
  if (has_bom(bytes)) return Encoding::utf8;
  size_t i = 0;
  for (int seen = 0; seen < 64; ++seen) {
    while (i < bytes.size() && static_cast<unsigned char>(bytes[i]) < 0x80) ++i;
    if (i == bytes.size()) return Encoding::utf8;
    const auto lead = static_cast<unsigned char>(bytes[i]);
    const size_t len = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || find_invalid_utf8(bytes.substr(i, len)) != std::string_view::npos)
      return Encoding::windows1252;
    i += len;
  }
  return Encoding::utf8;
}

struct ParsedRow {
  Request request;
  std::int64_t hash = 0;
  size_t line = 0;
  bool unknown_dwelling = false;
};
// Rows travel in batches that come back empty to be refilled: their strings
// keep their storage, and memory is freed by neither thread on the way.
struct Batch {
  std::vector<ParsedRow> rows;
  size_t count = 0;
};

// What every row shares, and the housing stock to find buildings in.
struct RowContext {
  std::string source;
  Instant now{};
  std::string actor;
  const std::unordered_map<std::string, std::string>* buildings = nullptr;
};

// Turns the records of one file into requests, following a mapping. Runs on
// its own thread while the caller's thread writes to the store.
class RowParser {
 public:
  RowParser(const ImportMapping& mapping, std::vector<std::string> header, const std::map<std::string, int>& index,
            bool convert, const RowContext& context)
      : mapping_(mapping),
        context_(context),
        header_(std::move(header)),
        convert_(convert),
        categories_(kCategories, mapping.values.count("category") ? &mapping.values.at("category") : nullptr),
        channels_(kChannels, mapping.values.count("channel") ? &mapping.values.at("channel") : nullptr) {
    c_ref_ = index.at("external_ref");
    c_received_ = index.at("received_at");
    c_channel_ = index.at("channel");
    c_category_ = index.at("category");
    c_subject_ = index.at("subject");
    c_message_ = index.at("message");
    c_tenant_ = index.at("tenant");
    c_dwelling_ = index.at("dwelling");
    c_agency_ = index.at("agency");
    c_phone_ = index.at("phone");
    c_email_ = index.at("email");
  }

  // Fills `row` from `fields`; an empty string when good, else why not.
  std::string parse(std::vector<std::string>& fields, ParsedRow& row) {
    if (fields.size() != header_.size())
      return fmt::format("expected {} fields, found {}", header_.size(), fields.size());
    if (convert_)
      for (auto& f : fields) f = windows1252_to_utf8(f);
    auto cell = [&](int c) { return c < 0 ? std::string_view() : trim(fields[size_t(c)]); };
    Request& r = row.request;

    auto received = mapping_.date_format == ImportMapping::DateFormat::french ? parse_french_datetime(cell(c_received_))
                                                                              : parse_instant(cell(c_received_));
    if (!received.ok()) return column_error(c_received_, received.status().message());
    r.received_at = *received;
    if (c_category_ >= 0) {
      const std::string* id = categories_.map(fields[size_t(c_category_)]);
      if (!id) return column_error(c_category_, fmt::format("unknown category '{}'", cell(c_category_)));
      r.category = *id;
    } else {
      r.category = mapping_.category;
    }
    if (c_channel_ >= 0 && !cell(c_channel_).empty()) {
      const std::string* id = channels_.map(fields[size_t(c_channel_)]);
      if (!id) return column_error(c_channel_, fmt::format("unknown channel '{}'", cell(c_channel_)));
      r.channel = *id;
    } else if (!mapping_.channel.empty()) {
      r.channel = mapping_.channel;
    } else {
      return "no channel";
    }
    r.subject = cell(c_subject_);
    // The message keeps its inner line breaks; CRLF becomes LF.
    r.message = cell(c_message_);
    for (size_t p = r.message.find("\r\n"); p != std::string::npos; p = r.message.find("\r\n", p))
      r.message.erase(p, 1);
    r.tenant = cell(c_tenant_);
    r.dwelling = cell(c_dwelling_);
    r.agency = cell(c_agency_);
    r.phone = normalise_phone(cell(c_phone_));
    r.email = ascii_lower(cell(c_email_));
    if (r.subject.empty() && r.message.empty()) return "no subject and no message";
    // The hash covers the values as stored, so that the same request
    // exported in another encoding or with other line ends is the same.
    const std::string received_text = std::to_string(to_unix(r.received_at));
    row.hash = fnv1a({received_text, r.channel, r.category, r.subject, r.message, r.tenant, r.dwelling, r.agency,
                      r.phone, r.email});
    r.external_ref = cell(c_ref_);
    if (r.external_ref.empty()) {
      if (c_ref_ >= 0) return column_error(c_ref_, "empty request number");
      // A source without numbers: the row's content identifies it, so that
      // importing the same file twice still changes nothing.
      r.external_ref = fmt::format("{}:{:016x}", mapping_.name, static_cast<std::uint64_t>(row.hash));
    }
    r.source = context_.source;
    r.created_at = context_.now;
    r.created_by = context_.actor;
    row.unknown_dwelling = false;
    r.building.clear();
    if (!r.dwelling.empty()) {
      auto b = context_.buildings->find(r.dwelling);
      row.unknown_dwelling = b == context_.buildings->end() && !context_.buildings->empty();
      if (b != context_.buildings->end()) r.building = b->second;
      else r.building = building_from_dwelling_ref(r.dwelling);
    }
    return {};
  }

 private:
  std::string column_error(int c, const std::string& message) const {
    return fmt::format("column '{}': {}", header_[size_t(c)], message);
  }

  const ImportMapping& mapping_;
  const RowContext& context_;
  std::vector<std::string> header_;
  bool convert_;
  TermMapper categories_, channels_;
  int c_ref_, c_received_, c_channel_, c_category_, c_subject_, c_message_, c_tenant_, c_dwelling_, c_agency_,
      c_phone_, c_email_;
};

// What the parsing thread found besides good rows.
struct ParseOutcome {
  long long rows = 0;
  long long rejected = 0;
  std::vector<ImportProblem> errors;
  std::string rejects;  // header and bad records, byte for byte
  std::exception_ptr failure;
};

void parse_all(CsvReader& csv, RowParser& parser, bool check_utf8, bool skip_invalid, BoundedQueue<Batch>& full,
               BoundedQueue<Batch>& spare, ParseOutcome& out) {
  try {
    std::vector<std::string> fields;
    auto fresh = [&] {
      Batch b = spare.try_pop().value_or(Batch{});
      b.count = 0;
      if (b.rows.size() < kBatchRows) b.rows.resize(kBatchRows);
      return b;
    };
    Batch batch = fresh();
    bool sending = true;  // stops once the file is certain to be refused
    while (true) {
      const auto next = csv.next(fields);
      if (next == CsvReader::Next::end) break;
      std::string problem;
      if (next == CsvReader::Next::error) {
        problem = fmt::format("column {}: {}", csv.column(), csv.error());
      } else if (check_utf8) {
        if (const size_t bad = find_invalid_utf8(csv.raw()); bad != std::string_view::npos)
          problem = fmt::format("invalid UTF-8 byte 0x{:02X} (try --encoding windows-1252)",
                                static_cast<unsigned char>(csv.raw()[bad]));
      }
      if (problem.empty() && fields.size() == 1 && trim(fields[0]).empty()) continue;  // a blank line
      ++out.rows;
      ParsedRow& row = batch.rows[batch.count];
      if (problem.empty()) problem = parser.parse(fields, row);
      if (!problem.empty()) {
        ++out.rejected;
        out.errors.push_back({csv.line(), std::move(problem)});
        out.rejects.append(csv.raw());
        if (out.rejects.back() != '\n') out.rejects += '\n';
        if (!skip_invalid) sending = false;
        continue;
      }
      if (!sending) continue;  // keep validating only, to list every error
      row.line = csv.line();
      if (++batch.count == kBatchRows) {
        if (!full.push(std::move(batch))) return;
        batch = fresh();
      }
    }
    if (sending && batch.count > 0) full.push(std::move(batch));
  } catch (...) {
    out.failure = std::current_exception();
  }
  full.close();
}

// Joins the parsing thread however the writer leaves.
class ParserThread {
 public:
  ParserThread(BoundedQueue<Batch>& queue, std::thread t) : queue_(queue), thread_(std::move(t)) {}
  ~ParserThread() { join(); }
  void join() {
    if (thread_.joinable()) {
      queue_.close();
      thread_.join();
    }
  }

 private:
  BoundedQueue<Batch>& queue_;
  std::thread thread_;
};

}  // namespace

Status import_requests(Database& db, const std::string& file, std::string_view bytes, const ImportMapping& mapping,
                       const ImportOptions& opt, ImportReport& report) {
  report = ImportReport{};
  report.file = file;

  // Encoding: decided once for the whole file from its first non-ASCII
  // bytes, applied field by field so that rejected records can be copied out
  // in their own encoding. A UTF-8 file is still checked record by record.
  const Encoding wanted = opt.encoding != Encoding::automatic ? opt.encoding : mapping.encoding;
  report.encoding = wanted == Encoding::automatic ? guess_encoding(bytes) : wanted;
  if (wanted == Encoding::utf8 || (has_bom(bytes) && wanted == Encoding::automatic)) report.encoding = Encoding::utf8;
  const bool convert = report.encoding == Encoding::windows1252;

  CsvReader csv(bytes, mapping.separator);
  std::vector<std::string> fields;
  const auto first = csv.next(fields);
  if (first == CsvReader::Next::end) return Status::DataError(fmt::format("{}: empty file, no header line", file));
  if (first == CsvReader::Next::error)
    return Status::DataError(fmt::format("{}:{}:{}: {}", file, csv.line(), csv.column(), csv.error()));
  const std::string header_raw(csv.raw());
  if (!convert)
    if (const size_t bad = find_invalid_utf8(header_raw); bad != std::string::npos)
      return Status::DataError(fmt::format("{}:1:{}: invalid UTF-8 byte 0x{:02X} (try --encoding windows-1252)", file,
                                           bad + 1 - (has_bom(header_raw) ? 3 : 0),
                                           static_cast<unsigned char>(header_raw[bad])));
  std::vector<std::string> header;
  for (auto& f : fields) header.emplace_back(trim(convert ? windows1252_to_utf8(f) : f));

  // Column index of each mapped field; -1 when the mapping has none.
  std::map<std::string, int> index;
  for (const auto& field : mapping_fields()) index[field] = -1;
  for (const auto& [field, column] : mapping.columns) {
    for (size_t i = 0; i < header.size() && index[field] < 0; ++i)
      if (header[i] == column || fold(header[i]) == fold(column)) index[field] = int(i);
    if (index[field] < 0) {
      const std::string message =
          fmt::format("missing column '{}' (for {}); the header has: {}", column, field, join(header, ", "));
      report.errors.push_back({1, message});
      return Status::DataError(fmt::format("{}:1: {}", file, message));
    }
  }

  try {
    std::optional<BulkWriteMode> bulk;
    if (bytes.size() >= kBulkBytes && !opt.dry_run) bulk.emplace(db);
    WriteTransaction tx(db.sql(), bulk && bulk->active() ? WriteTransaction::Lock::exclusive
                                                         : WriteTransaction::Lock::immediate);
    RequestImportWriter writer(db);
    ImportRecord rec{file, mapping.name, encoding_name(report.encoding), opt.now, opt.actor, 0, 0, 0, 0};
    const long long import_id = writer.begin_import(rec);
    GHD_ASSIGN(buildings, StockStore(db).dwelling_buildings());

    // Parsing and validation on one thread, store writes on this one: the
    // machines have two cores and an import uses both.
    const RowContext context{mapping.name, opt.now, opt.actor, &buildings};
    RowParser parser(mapping, header, index, convert, context);
    BoundedQueue<Batch> full(4), spare(8);
    ParseOutcome parsed;
    parsed.rejects = header_raw;
    ParserThread parser_thread(full, std::thread(parse_all, std::ref(csv), std::ref(parser), !convert, opt.skip_invalid,
                                                 std::ref(full), std::ref(spare), std::ref(parsed)));
    while (auto batch = full.pop()) {
      for (size_t i = 0; i < batch->count; ++i) {
        const ParsedRow& row = batch->rows[i];
        const Request& r = row.request;
        switch (writer.add(r, row.hash, import_id)) {
          case RequestImportWriter::Outcome::inserted:
            ++report.inserted;
            if (row.unknown_dwelling && report.warnings.size() < kMaxWarnings)
              report.warnings.push_back(
                  {row.line, fmt::format("dwelling '{}' is not in the housing stock (imported anyway)", r.dwelling)});
            break;
          case RequestImportWriter::Outcome::known_same:
            ++report.known;
            break;
          case RequestImportWriter::Outcome::known_changed:
            ++report.known;
            ++report.changed_upstream;
            if (report.warnings.size() < kMaxWarnings)
              report.warnings.push_back({row.line, fmt::format("request {} is already stored and differs in this "
                                                               "file; the stored one is kept", r.external_ref)});
            break;
        }
      }
      spare.push(std::move(*batch));
    }
    parser_thread.join();
    if (parsed.failure) std::rethrow_exception(parsed.failure);
    report.rows = parsed.rows;
    report.rejected = parsed.rejected;
    report.errors = std::move(parsed.errors);

    if (!report.errors.empty() && !opt.skip_invalid) {
      tx.rollback();
      return Status::DataError(fmt::format("{}: refused, {} bad row(s); nothing imported", file, report.rejected));
    }
    rec.rows_read = report.rows;
    rec.rows_new = report.inserted;
    rec.rows_known = report.known;
    rec.rows_rejected = report.rejected;
    writer.finish_import(import_id, rec);
    if (opt.dry_run) {
      tx.rollback();
      return Status::Ok();
    }
    if (report.rejected > 0) {
      if (file == "-" && opt.reject_file.empty())
        return Status::Usage("--skip-invalid on standard input needs --reject-file");
      report.reject_file = opt.reject_file.empty() ? file + ".rejected.csv" : opt.reject_file;
      // Written before the commit: if it cannot be written, nothing is imported.
      GHD_TRY(write_file_atomic(report.reject_file, parsed.rejects));
    }
    try {
      tx.commit();
    } catch (...) {
      if (!report.reject_file.empty()) std::remove(report.reject_file.c_str());
      throw;
    }
    report.committed = true;
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db.path());
  }
}

}  // namespace ghd
