#include "requests/import.h"

#include <fmt/format.h>
#include <unordered_map>

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

std::int64_t fnv1a(const std::vector<std::string_view>& parts) {
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
    if (it != cache_.end()) return it->second.empty() ? nullptr : &it->second;
    std::string id;
    if (custom_) {
      auto c = custom_->find(std::string(trim(value)));
      if (c != custom_->end()) id = c->second;
    }
    if (id.empty())
      if (const Term* t = find_term(terms_, value)) id = t->id;
    auto& slot = cache_[value];
    slot = id;
    return slot.empty() ? nullptr : &slot;
  }

 private:
  const std::vector<Term>& terms_;
  const std::map<std::string, std::string>* custom_;
  std::unordered_map<std::string, std::string> cache_;
};

}  // namespace

Status import_requests(Database& db, const std::string& file, std::string bytes, const ImportMapping& mapping,
                       const ImportOptions& opt, ImportReport& report) {
  report = ImportReport{};
  report.file = file;
  auto refuse = [&](size_t line, std::string message) {
    report.errors.push_back({line, std::move(message)});
  };

  // Encoding: decided once for the whole file, applied field by field.
  const Encoding wanted = opt.encoding != Encoding::automatic ? opt.encoding : mapping.encoding;
  const bool bom = bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0;
  const size_t bad = find_invalid_utf8(bytes);
  if (wanted == Encoding::windows1252) report.encoding = Encoding::windows1252;
  else if (bad == std::string::npos) report.encoding = Encoding::utf8;
  else if (wanted == Encoding::automatic && !bom) report.encoding = Encoding::windows1252;
  else {
    auto decoded = decode_to_utf8(bytes, Encoding::utf8);  // for the error's position
    return Status::DataError(fmt::format("{}:{}", file, decoded.status().message()));
  }
  const bool convert = report.encoding == Encoding::windows1252;
  auto text_of = [&](const std::string& raw) { return convert ? windows1252_to_utf8(raw) : raw; };

  CsvReader csv(bytes, mapping.separator);
  std::vector<std::string> fields;
  auto first = csv.next(fields);
  if (first == CsvReader::Next::end) return Status::DataError(fmt::format("{}: empty file, no header line", file));
  if (first == CsvReader::Next::error)
    return Status::DataError(fmt::format("{}:{}:{}: {}", file, csv.line(), csv.column(), csv.error()));
  const std::string header_raw(csv.raw());
  std::vector<std::string> header;
  for (auto& f : fields) header.push_back(std::string(trim(text_of(f))));

  // Column index of each mapped field; -1 when the mapping has none.
  std::map<std::string, int> index;
  for (const auto& field : mapping_fields()) index[field] = -1;
  for (const auto& [field, column] : mapping.columns) {
    int found = -1;
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == column || fold(header[i]) == fold(column)) found = int(i);
    if (found < 0) {
      refuse(1, fmt::format("missing column '{}' (for {}); the header has: {}", column, field, join(header, ", ")));
      continue;
    }
    index[field] = found;
  }
  if (!report.errors.empty())
    return Status::DataError(fmt::format("{}:1: {}", file, report.errors.front().message));

  auto col = [&](const char* field) { return index[field]; };
  const int c_ref = col("external_ref"), c_received = col("received_at"), c_channel = col("channel"),
            c_category = col("category"), c_subject = col("subject"), c_message = col("message"),
            c_tenant = col("tenant"), c_dwelling = col("dwelling"), c_agency = col("agency"),
            c_phone = col("phone"), c_email = col("email");

  TermMapper categories(kCategories, mapping.values.count("category") ? &mapping.values.at("category") : nullptr);
  TermMapper channels(kChannels, mapping.values.count("channel") ? &mapping.values.at("channel") : nullptr);

  try {
    WriteTransaction tx(db.sql());
    RequestImportWriter writer(db);
    ImportRecord rec{file, mapping.name, encoding_name(report.encoding), opt.now, opt.actor, 0, 0, 0, 0};
    const long long import_id = writer.begin_import(rec);
    StockStore stock(db);
    const bool check_stock = !stock.empty();
    std::string rejects = header_raw;
    bool writing = true;  // stops once a refusal is certain
    Request r;
    r.source = mapping.name;
    r.created_at = opt.now;
    r.created_by = opt.actor;
    std::vector<std::string_view> hash_parts;

    while (true) {
      const auto next = csv.next(fields);
      if (next == CsvReader::Next::end) break;
      const size_t line = csv.line();
      auto reject_row = [&](std::string message) {
        ++report.rejected;
        rejects.append(csv.raw());
        if (!rejects.empty() && rejects.back() != '\n') rejects += '\n';
        refuse(line, std::move(message));
        if (!opt.skip_invalid) writing = false;
      };
      if (next == CsvReader::Next::error) {
        ++report.rows;
        reject_row(fmt::format("column {}: {}", csv.column(), csv.error()));
        continue;
      }
      if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // blank line
      ++report.rows;
      if (fields.size() != header.size()) {
        reject_row(fmt::format("expected {} fields, found {}", header.size(), fields.size()));
        continue;
      }
      if (convert)
        for (auto& f : fields) f = windows1252_to_utf8(f);
      auto cell = [&](int c) -> std::string { return c < 0 ? std::string() : std::string(trim(fields[size_t(c)])); };

      auto received = mapping.date_format == ImportMapping::DateFormat::french
                          ? parse_french_datetime(cell(c_received))
                          : parse_instant(cell(c_received));
      if (!received.ok()) {
        reject_row(fmt::format("column '{}': {}", header[size_t(c_received)], received.status().message()));
        continue;
      }
      r.received_at = *received;
      if (c_category >= 0) {
        const std::string* id = categories.map(fields[size_t(c_category)]);
        if (!id) {
          reject_row(fmt::format("column '{}': unknown category '{}'", header[size_t(c_category)], cell(c_category)));
          continue;
        }
        r.category = *id;
      } else {
        r.category = mapping.category;
      }
      if (c_channel >= 0 && !cell(c_channel).empty()) {
        const std::string* id = channels.map(fields[size_t(c_channel)]);
        if (!id) {
          reject_row(fmt::format("column '{}': unknown channel '{}'", header[size_t(c_channel)], cell(c_channel)));
          continue;
        }
        r.channel = *id;
      } else if (!mapping.channel.empty()) {
        r.channel = mapping.channel;
      } else {
        reject_row("no channel");
        continue;
      }
      r.subject = cell(c_subject);
      // The message keeps its inner line breaks; only CRLF becomes LF.
      r.message = c_message < 0 ? std::string() : fields[size_t(c_message)];
      for (size_t p = r.message.find("\r\n"); p != std::string::npos; p = r.message.find("\r\n", p))
        r.message.erase(p, 1);
      r.message = std::string(trim(r.message));
      r.tenant = cell(c_tenant);
      r.dwelling = cell(c_dwelling);
      r.agency = cell(c_agency);
      r.phone = normalise_phone(cell(c_phone));
      r.email = ascii_lower(cell(c_email));
      if (r.subject.empty() && r.message.empty()) {
        reject_row("no subject and no message");
        continue;
      }
      // The hash covers the values as stored, so that the same request
      // exported in another encoding or with other line ends is the same.
      const std::string received_text = std::to_string(to_unix(r.received_at));
      hash_parts.assign({received_text, r.channel, r.category, r.subject, r.message, r.tenant, r.dwelling,
                         r.agency, r.phone, r.email});
      const auto hash = fnv1a(hash_parts);
      r.external_ref = cell(c_ref);
      if (r.external_ref.empty()) {
        if (c_ref >= 0) {
          reject_row(fmt::format("column '{}': empty request number", header[size_t(c_ref)]));
          continue;
        }
        // A source without numbers: the row's content identifies it, so that
        // importing the same file twice still changes nothing.
        r.external_ref = fmt::format("{}:{:016x}", mapping.name, static_cast<std::uint64_t>(hash));
      }
      if (!writing) continue;  // the file is refused: keep validating only

      r.building.clear();
      bool unknown_dwelling = false;
      if (!r.dwelling.empty()) {
        auto b = stock.building_of_dwelling(r.dwelling);
        unknown_dwelling = !b && check_stock;
        r.building = b ? *b : building_from_dwelling_ref(r.dwelling);
      }
      switch (writer.add(r, hash, import_id)) {
        case RequestImportWriter::Outcome::inserted:
          ++report.inserted;
          if (unknown_dwelling && report.warnings.size() < kMaxWarnings)
            report.warnings.push_back(
                {line, fmt::format("dwelling '{}' is not in the housing stock (imported anyway)", r.dwelling)});
          break;
        case RequestImportWriter::Outcome::known_same: ++report.known; break;
        case RequestImportWriter::Outcome::known_changed:
          ++report.known;
          ++report.changed_upstream;
          if (report.warnings.size() < kMaxWarnings)
            report.warnings.push_back({line, fmt::format("request {} is already stored and differs in this file; "
                                                         "the stored one is kept", r.external_ref)});
          break;
      }
    }

    const bool refused = !report.errors.empty() && !opt.skip_invalid;
    if (refused) {
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
      report.reject_file = opt.reject_file.empty() ? file + ".rejected.csv" : opt.reject_file;
      if (file == "-" && opt.reject_file.empty())
        return Status::Usage("--skip-invalid on standard input needs --reject-file");
      // Written before the commit: if it cannot be written, nothing is imported.
      GHD_TRY(write_file_atomic(report.reject_file, rejects));
    }
    tx.commit();
    report.committed = true;
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db.path());
  }
}

}  // namespace ghd
