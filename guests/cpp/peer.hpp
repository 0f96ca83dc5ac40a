// What the harness's peers answer: the text a guest expects, with the cell's nonce before its
// newline ("echo: ping [3fa94c1b2d7e]\n"). The guest prints the reply it got, so the harness sees
// the nonce only where a real exchange took place.
#pragma once
#include <iostream>
#include <string_view>

inline bool nonced(std::string_view got, std::string_view want) {
  bool newline = !want.empty() && want.back() == '\n';
  auto text = want.substr(0, want.size() - newline);
  if (got.size() < text.size() + 3 + newline || got.substr(0, text.size()) != text || got.substr(text.size(), 2) != " [") return false;
  if (newline && got.back() != '\n') return false;
  return got[got.size() - 1 - newline] == ']';
}

inline void printReply(std::string_view got) {
  if (!got.empty() && got.back() == '\n') got.remove_suffix(1);
  std::cout << "reply: " << got << std::endl;
}
