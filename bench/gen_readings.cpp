// Writes a device registry and long-CSV readings for benchmarks: N dwellings
// of Fontaine d'Ouche with three valves and a room sensor each, readings
// every 5 minutes interleaved across devices as gateways send them, until
// the requested number of readings is written.
//
//   ghd-gen-readings REGISTRY.csv READINGS.csv COUNT [DWELLINGS]
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: ghd-gen-readings REGISTRY.csv READINGS.csv COUNT [DWELLINGS]\n");
    return 64;
  }
  const long long count = std::atoll(argv[3]);
  const int dwellings = argc > 4 ? std::atoi(argv[4]) : 102;
  FILE* reg = std::fopen(argv[1], "w");
  FILE* out = std::fopen(argv[2], "w");
  if (!reg || !out) return 74;
  struct Series {
    std::string device;
    const char* metric;
  };
  std::vector<Series> series;
  std::fprintf(reg, "device_id,kind,model,dwelling,room,installed_at,friendly_name\n");
  const char* rooms[] = {"salon", "chambre", "cuisine"};
  for (int d = 0; d < dwellings; ++d) {
    char dwelling[32];
    std::snprintf(dwelling, sizeof dwelling, "FO-B%02d-%02d%02d", 10 + d / 34, (d % 34) / 4, d % 4 + 1);
    for (int r = 0; r < 3; ++r) {
      char id[32];
      std::snprintf(id, sizeof id, "trv-%04d", d * 3 + r);
      std::fprintf(reg, "%s,trv,Danfoss Ally 014G2461,%s,%s,2023-09-18,%s/%s-trv\n", id, dwelling, rooms[r], dwelling,
                   rooms[r]);
      for (const char* m : {"temperature", "setpoint", "valve"}) series.push_back({id, m});
    }
    char sensor[32];
    std::snprintf(sensor, sizeof sensor, "rs-%04d", d);
    std::fprintf(reg, "%s,room-sensor,Aqara WSDCGQ11LM,%s,sejour,2023-09-18,%s/sejour-sensor\n", sensor, dwelling,
                 dwelling);
    for (const char* m : {"temperature", "humidity"}) series.push_back({sensor, m});
  }
  // From 1 October 2025 00:00 UTC, every 5 minutes.
  long long t = 1759276800, written = 0;
  unsigned seed = 42;
  std::fprintf(out, "timestamp,device_id,metric,value\n");
  for (long long step = 0; written < count; ++step, t += 300) {
    const std::time_t tt = std::time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    for (size_t i = 0; i < series.size() && written < count; ++i, ++written) {
      seed = seed * 1103515245u + 12345u;
      const int noise = int((seed >> 16) % 21) - 10;
      const std::string& m = series[i].metric;
      if (m == "temperature") std::fprintf(out, "%s,%s,%s,%.1f\n", stamp, series[i].device.c_str(), m.c_str(), 20.0 + noise / 10.0);
      else if (m == "setpoint") std::fprintf(out, "%s,%s,%s,%d\n", stamp, series[i].device.c_str(), m.c_str(), 20);
      else if (m == "valve") std::fprintf(out, "%s,%s,%s,%d\n", stamp, series[i].device.c_str(), m.c_str(), 30 + noise);
      else std::fprintf(out, "%s,%s,%s,%d\n", stamp, series[i].device.c_str(), m.c_str(), 50 + noise);
    }
  }
  std::fclose(reg);
  std::fclose(out);
  return 0;
}
