/* Loopback addresses for the socket guests: "a.b.c.d:port" as the harness passes it. */
#ifndef WASI_MATRIX_NET_H
#define WASI_MATRIX_NET_H
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

static int parse_addr(const char *text, struct sockaddr_in *out) {
  char host[64];
  const char *colon = strrchr(text, ':');
  if (!colon || (size_t)(colon - text) >= sizeof host) return 0;
  memcpy(host, text, colon - text);
  host[colon - text] = 0;
  memset(out, 0, sizeof *out);
  out->sin_family = AF_INET;
  out->sin_port = htons((unsigned short)atoi(colon + 1));
  return inet_pton(AF_INET, host, &out->sin_addr) == 1;
}

#endif
