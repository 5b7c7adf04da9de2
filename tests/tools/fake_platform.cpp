// A stand-in for the platform's HTTP API, on 127.0.0.1, for the tests of
// `ghd-telemetry pull`: it checks the bearer token, answers from a script of
// responses in order, logs each request line, and stops by itself.
//
//   fake-platform PORT_FILE TOKEN SCRIPT LOG [SECONDS]
//
// PORT_FILE receives the port; when it already names one, that port is used.
// SCRIPT: one response a line, "STATUS RETRY_AFTER BODY" (RETRY_AFTER "-" for
// none); a BODY starting with "TRUNCATED:" is sent cut in the middle. Once
// the script is used up, every answer is an empty page.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Reply {
  int status;
  std::string retry_after;
  std::string body;
};

const char* reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 401: return "Unauthorized";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: fake-platform PORT_FILE TOKEN SCRIPT LOG [SECONDS]\n");
    return 64;
  }
  const std::string token = argv[2];
  std::vector<Reply> script;
  std::ifstream in(argv[3]);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    std::istringstream ss(line);
    Reply r;
    ss >> r.status >> r.retry_after;
    std::getline(ss, r.body);
    if (!r.body.empty() && r.body[0] == ' ') r.body.erase(0, 1);
    script.push_back(r);
  }
  std::ofstream log(argv[4]);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(argc > 5 ? std::atoi(argv[5]) : 60);

  const int server = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // The port of an earlier run, when the file names one: a platform keeps its
  // address, and the pull's cursor is kept per address.
  int previous = 0;
  if (std::ifstream old(argv[1]); old) old >> previous;
  addr.sin_port = htons(static_cast<uint16_t>(previous));
  if (::bind(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(server, 8) != 0) return 71;
  socklen_t len = sizeof addr;
  ::getsockname(server, reinterpret_cast<sockaddr*>(&addr), &len);
  {
    std::ofstream port(std::string(argv[1]) + ".tmp");
    port << ntohs(addr.sin_port) << "\n";
  }
  std::rename((std::string(argv[1]) + ".tmp").c_str(), argv[1]);

  size_t next = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{server, POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    const int client = ::accept(server, nullptr, nullptr);
    if (client < 0) continue;
    std::string request;
    char buf[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      const ssize_t n = ::read(client, buf, sizeof buf);
      if (n <= 0) break;
      request.append(buf, size_t(n));
    }
    const std::string first = request.substr(0, request.find("\r\n"));
    log << first << std::endl;
    Reply r{200, "-", R"({"readings":[],"next":""})"};
    if (request.find("Authorization: Bearer " + token + "\r\n") == std::string::npos) r = {401, "-", "{}"};
    else if (next < script.size()) r = script[next++];
    std::string body = r.body;
    bool truncated = false;
    if (body.rfind("TRUNCATED:", 0) == 0) {
      body = body.substr(10);
      truncated = true;
    }
    std::string head = "HTTP/1.1 " + std::to_string(r.status) + " " + reason(r.status) + "\r\n";
    head += "Content-Type: application/json\r\nConnection: close\r\n";
    if (r.retry_after != "-") head += "Retry-After: " + r.retry_after + "\r\n";
    const std::string sent = truncated ? body.substr(0, body.size() / 2) : body;
    head += "Content-Length: " + std::to_string(sent.size()) + "\r\n\r\n";
    const std::string all = head + sent;
    (void)!::write(client, all.data(), all.size());
    ::close(client);
  }
  ::close(server);
  return 0;
}
