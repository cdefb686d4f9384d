/* A tiny C timing loop over the C ABI, the baseline the PHP and Java timing
 * scripts compare their per-call figures with (benchmarks/php_timing.php,
 * benchmarks/JavaTiming.java): the same request, the same format, the same
 * loop (call, netra_free) as the hosts make.
 *   netra_c_abi_timing REQUEST.json [ITERATIONS [FORMAT]]
 * FORMAT is the int of netra.h's format and flags (default 0x300:
 * JSON | EMIT_DEFAULTS | COMPACT, what the PHP array methods ask for); with
 * NETRA_FORMAT_JSON_LINES or _ARRAY (0x202: JSON lines, compact) the file
 * is one batch for netra_evaluate_batch (benchmarks/serve_load.sh).
 * Prints one line per figure: engine creation and the per-call time. */
#include <netra/netra.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double clock_us(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}
static double now_us(void) { return clock_us(CLOCK_MONOTONIC); }
/* CPU time of this process: on a machine shared with other work, the figure to compare. */
static double cpu_us(void) { return clock_us(CLOCK_PROCESS_CPUTIME_ID); }

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: netra_c_abi_timing REQUEST.json [ITERATIONS [FORMAT]]\n");
    return 2;
  }
  long iterations = argc > 2 ? strtol(argv[2], NULL, 10) : 20000;
  int format = argc > 3 ? (int)strtol(argv[3], NULL, 0) : 0x300;
  FILE* f = fopen(argv[1], "rb");
  if (f == NULL) {
    perror(argv[1]);
    return 4;
  }
  /* The whole file (a JSON-lines batch can be tens of MB). */
  size_t cap = 1 << 20, len = 0, n;
  char* request = malloc(cap);
  while (request != NULL && (n = fread(request + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap) request = realloc(request, cap *= 2);
  }
  fclose(f);
  if (request == NULL) {
    fprintf(stderr, "out of memory reading %s\n", argv[1]);
    return 4;
  }
  /* FORMAT with NETRA_FORMAT_JSON_LINES or _ARRAY: the file is a batch for
   * netra_evaluate_batch. */
  const int batch = (format & 0xff) == NETRA_FORMAT_JSON_LINES || (format & 0xff) == NETRA_FORMAT_JSON_ARRAY;
  netra_status (*call)(const netra_engine*, int, const char*, size_t, char**, size_t*, char**) =
      batch ? netra_evaluate_batch : netra_evaluate;

  char* err = NULL;
  netra_engine* engine = NULL;
  double best = 1e30;
  for (int i = 0; i < 5; i++) {
    double t0 = now_us();
    netra_engine* e = NULL;
    if (netra_engine_new(NULL, &e, &err) != NETRA_OK) {
      fprintf(stderr, "netra_engine_new: %s\n", err);
      return 1;
    }
    double t = now_us() - t0;
    if (t < best) best = t;
    if (engine == NULL) {
      engine = e;
    } else {
      netra_engine_free(e);
    }
  }
  printf("c_abi engine_new: %.0f us (best of 5)\n", best);

  char* out = NULL;
  size_t out_len = 0;
  for (long i = 0; i < iterations / 10 + 1; i++) { /* warm-up */
    if (call(engine, format, request, len, &out, &out_len, &err) != NETRA_OK) {
      fprintf(stderr, "netra_evaluate%s: %s\n", batch ? "_batch" : "", err);
      return 1;
    }
    netra_free(out);
  }
  double t0 = now_us();
  double c0 = cpu_us();
  for (long i = 0; i < iterations; i++) {
    call(engine, format, request, len, &out, &out_len, &err);
    netra_free(out);
  }
  double cpu_per_call = (cpu_us() - c0) / (double)iterations;
  double per_call = (now_us() - t0) / (double)iterations;
  printf("c_abi %s: %.2f us/call (%ld calls, format 0x%x, %zu bytes out); cpu %.2f us/call\n", batch ? "evaluate_batch" : "evaluate", per_call,
         iterations, format, out_len, cpu_per_call);
  netra_engine_free(engine);
  free(request);
  return 0;
}
