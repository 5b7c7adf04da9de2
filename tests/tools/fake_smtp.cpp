// A stand-in SMTP server on 127.0.0.1 for the tests of ghd-report --mail and
// ghd-daily: it speaks enough SMTP (EHLO, MAIL, RCPT, DATA, QUIT) to receive
// a message, writes each one to OUT_DIR/mail-N.eml with its envelope, and
// stops by itself.
//
//   fake-smtp PORT_FILE OUT_DIR MODE [SECONDS]
//
// MODE: ok; tempfail (every MAIL FROM gets 451: the server is in trouble);
// permfail (every RCPT TO gets 550: no such mailbox).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

bool read_line(int fd, std::string& buffer, std::string& line) {
  while (true) {
    const auto pos = buffer.find("\r\n");
    if (pos != std::string::npos) {
      line = buffer.substr(0, pos);
      buffer.erase(0, pos + 2);
      return true;
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return false;
    char buf[4096];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) return false;
    buffer.append(buf, size_t(n));
  }
}

void say(int fd, const std::string& s) {
  const std::string line = s + "\r\n";
  (void)!::write(fd, line.data(), line.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: fake-smtp PORT_FILE OUT_DIR MODE [SECONDS]\n");
    return 64;
  }
  const std::string out_dir = argv[2], mode = argv[3];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(argc > 4 ? std::atoi(argv[4]) : 60);
  const int server = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(server, 8) != 0) return 71;
  socklen_t len = sizeof addr;
  ::getsockname(server, reinterpret_cast<sockaddr*>(&addr), &len);
  {
    std::ofstream port(std::string(argv[1]) + ".tmp");
    port << ntohs(addr.sin_port) << "\n";
  }
  std::rename((std::string(argv[1]) + ".tmp").c_str(), argv[1]);
  std::ofstream log(out_dir + "/smtp.log");
  int received = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{server, POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    const int c = ::accept(server, nullptr, nullptr);
    if (c < 0) continue;
    say(c, "220 fake-smtp ESMTP");
    std::string buffer, line, envelope;
    while (read_line(c, buffer, line)) {
      log << line << std::endl;
      const std::string verb = line.substr(0, 4);
      if (verb == "EHLO" || verb == "HELO") say(c, "250 fake-smtp");
      else if (verb == "MAIL") {
        if (mode == "tempfail") say(c, "451 4.3.0 try again later");
        else say(c, "250 OK"), envelope = line + "\n";
      } else if (verb == "RCPT") {
        if (mode == "permfail") say(c, "550 5.1.1 no such mailbox");
        else say(c, "250 OK"), envelope += line + "\n";
      } else if (verb == "DATA") {
        say(c, "354 go ahead");
        std::string body;
        while (read_line(c, buffer, line) && line != ".") body += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\n";
        std::ofstream mail(out_dir + "/mail-" + std::to_string(++received) + ".eml");
        mail << envelope << "\n" << body;
        say(c, "250 OK queued");
      } else if (verb == "QUIT") {
        say(c, "221 bye");
        break;
      } else if (verb == "RSET" || verb == "NOOP") say(c, "250 OK");
      else say(c, "502 not implemented");
    }
    ::close(c);
  }
  ::close(server);
  return 0;
}
