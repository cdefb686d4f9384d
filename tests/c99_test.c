/* A C99 host of libnetra.so: compiled with -std=c99 -pedantic -Werror (so
 * netra/netra.h stays plain C), it makes an engine, evaluates the README's
 * first example and checks an error. Exit 0 on success. */
#include <netra/netra.h>

#include <stdio.h>
#include <string.h>

int main(void) {
  const char* request =
      "{\"employee\": {\"kind\": \"PNS\", \"position\": {\"type\": \"PELAKSANA\"},"
      " \"agency\": {\"level\": \"REGENCY_CITY\"}},"
      " \"acts\": [{\"norm\": \"pp94.duty.attendance\", \"act_date\": \"2025-06-30\","
      " \"absence\": {\"cumulative_working_days\": 15, \"consecutive_working_days\": 4}}],"
      " \"examination_date\": \"2025-07-14\"}";
  netra_engine* engine = NULL;
  char* err = NULL;
  char* out = NULL;
  size_t out_len = 0;
  netra_status st;
  if (netra_abi_version() != NETRA_ABI_VERSION) {
    fprintf(stderr, "ABI %u, header %d\n", (unsigned)netra_abi_version(), NETRA_ABI_VERSION);
    return 1;
  }
  st = netra_engine_new(NULL, &engine, &err);
  if (st != NETRA_OK) {
    fprintf(stderr, "%s: %s\n", netra_status_name(st), err);
    netra_free(err);
    return 1;
  }
  st = netra_evaluate(engine, NETRA_FORMAT_JSON, request, strlen(request), &out, &out_len, &err);
  if (st != NETRA_OK || strstr(out, "\"level\": \"SEDANG\"") == NULL || strlen(out) != out_len) {
    fprintf(stderr, "evaluate: %s: %s\n", netra_status_name(st), st == NETRA_OK ? out : err);
    return 1;
  }
  netra_free(out);
  st = netra_evaluate(engine, NETRA_FORMAT_JSON, "{\"acts\": 1}", 11, &out, &out_len, &err);
  if (st != NETRA_INVALID_ARGUMENT || out != NULL || strstr(err, "invalid request JSON") == NULL) {
    fprintf(stderr, "a bad request was not refused\n");
    return 1;
  }
  netra_free(err);
  netra_engine_free(engine);
  printf("netra %s (ABI %u): 2 passed, 0 failed\n", netra_version(), (unsigned)netra_abi_version());
  return 0;
}
