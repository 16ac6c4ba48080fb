#pragma once
// Runs a real program (kioskctl) as a child with its stdout on a pipe, to read its lines as they
// come and to kill it at a chosen moment.

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

class ChildProcess {
 public:
  // stderr goes to `stderr_file` (or /dev/null when empty).
  explicit ChildProcess(const std::vector<std::string>& argv, const std::string& stderr_file = "") {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork");
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      const int err = ::open(stderr_file.empty() ? "/dev/null" : stderr_file.c_str(),
                             O_WRONLY | O_CREAT | O_APPEND, 0600);
      if (err >= 0) ::dup2(err, STDERR_FILENO);
      ::close(fds[0]);
      std::vector<char*> args;
      for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = fds[0];
  }
  ~ChildProcess() {
    if (pid_ > 0 && !status_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
    if (out_ >= 0) ::close(out_);
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next complete line, waiting at most `timeout`; empty at end of output or timeout.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (auto newline = buffer_.find('\n'); newline != std::string::npos) {
        std::string line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        return line;
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || closed_) return std::nullopt;
      pollfd fd{out_, POLLIN, 0};
      if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[4096];
      const ssize_t got = ::read(out_, chunk, sizeof chunk);
      if (got <= 0) {
        closed_ = true;
      } else {
        buffer_.append(chunk, static_cast<std::size_t>(got));
      }
    }
  }

  void kill_hard() { ::kill(pid_, SIGKILL); }
  // Asks it to stop (SIGTERM), as systemd does.
  void terminate() { ::kill(pid_, SIGTERM); }

  // The wait status, once the child ended.
  int wait() {
    if (!status_) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
      status_ = status;
    }
    return *status_;
  }

  // Every line still in the pipe after the child ended (a partial last line is dropped: it was
  // never fully printed).
  std::vector<std::string> remaining_lines() {
    std::vector<std::string> lines;
    while (auto line = read_line(std::chrono::milliseconds{2000})) lines.push_back(*line);
    return lines;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool closed_ = false;
  std::string buffer_;
  std::optional<int> status_;
};
