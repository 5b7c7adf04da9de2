// Requests as JSON and CSV for scripts and other systems. The keys and the
// column order are a stable contract (see ghd-request(1), FORMATS).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/request_store.h"

namespace ghd {

nlohmann::json to_json(const Request& r);
nlohmann::json to_json(const HistoryEntry& h);
const std::vector<std::string>& csv_columns();
std::vector<std::string> csv_values(const Request& r);

// A request given as JSON (add from stdin, explain): the keys of to_json()
// that a person may set. Unknown keys are refused.
Result<Request> request_from_json(const nlohmann::json& j);
// The same from JSON text; `source` names it in messages ("<stdin>").
Result<Request> request_from_json_text(const std::string& text, const std::string& source);

}  // namespace ghd

namespace ghd {
// Renders a list of requests: "table" (aligned, for people), "csv" (every
// column, spreadsheet-safe), "json" (an array), "ndjson" (one object a line),
// "ids" (one reference a line, for pipes).
Result<std::string> render_requests(const std::vector<Request>& requests, const std::string& format);
// One request with its history, for people.
std::string render_request_text(const Request& r, const std::vector<HistoryEntry>& history);
}  // namespace ghd
