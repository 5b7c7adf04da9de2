// What ghd-telemetry prints: devices, ingest summaries, the quarantine and
// readings, as tables for people and CSV or JSON for tools.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"
#include "telemetry/checks.h"
#include "telemetry/consent.h"
#include "telemetry/debug.h"
#include "telemetry/diagnostics.h"
#include "telemetry/health.h"
#include "telemetry/ingest.h"

namespace ghd {

Result<std::string> render_devices(Database& db, const std::string& building, const std::string& format);
Result<std::string> render_device(Database& db, const std::string& device, const std::string& format);
std::string render_ingest_reports(const std::vector<IngestReport>& reports, const std::string& format);
Result<std::string> render_quarantine(Database& db, const std::string& reason, long long limit,
                                      const std::string& format);
// `of`: raw, hourly or daily.
// Reading activity data (motion, door) is recorded in the audit log with
// the reader's name, time and reason.
Result<std::string> render_readings(Database& db, const std::string& device, const std::string& metric, Instant since,
                                    Instant until, const std::string& of, const std::string& format,
                                    const AuditEntry& reader);

// The fleet by building: counts, then the devices with a problem and the
// faults the diagnostics found.
std::string render_status(const std::vector<DeviceHealth>& fleet, const std::vector<Finding>& findings,
                          const std::string& building, const std::string& format);

std::string render_check_report(const CheckReport& report, const std::string& format);
std::string render_alerts(const std::vector<Alert>& alerts, const std::string& format);

// Findings by building; `requests` the requests opened for building faults.
std::string render_diagnosis(const Diagnosis& diagnosis, const std::vector<BuildingRequest>& requests,
                             const std::string& format);
std::string render_debug(const DeviceDebug& debug, const std::string& format);
Result<std::string> render_consents(Database& db, const std::string& dwelling, const std::string& format);
Result<std::string> render_audit(Database& db, const std::string& dwelling, Instant since, const std::string& format);

}  // namespace ghd
