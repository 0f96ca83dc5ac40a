// Sub-check reporting for C++ guests: one `ok <check>` / `not ok <check> # detail` line each on stdout.
#pragma once
#include <iostream>
#include <string>
#include <string_view>

class Checks {
 public:
  void check(bool cond, std::string_view name, const std::string& detail) {
    if (cond) {
      std::cout << "ok " << name << '\n';
    } else {
      ++failures_;
      std::cout << "not ok " << name << " # " << detail << '\n';
    }
    std::cout.flush();
  }
  int status() const { return failures_ ? 1 : 0; }

 private:
  int failures_ = 0;
};
