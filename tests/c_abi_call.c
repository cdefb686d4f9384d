/* c_abi_call METHOD OUTDIR FILE...: calls METHOD of the C ABI (libnetra.so,
 * netra_call in JSON) once per FILE on one engine and writes the response to
 * OUTDIR/<n>.json (n = the file's position from 0), or the status name and
 * message to OUTDIR/<n>.err. The byte-identical test
 * (bindings/python/tests/test_same_json.py) compares them with the command's
 * and Python's JSON. Exit 0 unless a file cannot be read or written. */
#include <netra/netra.h>

#include <stdio.h>
#include <stdlib.h>

static char* slurp(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* buf = NULL;
  size_t cap = 0, n = 0;
  if (f == NULL) return NULL;
  for (;;) {
    if (n == cap) {
      char* more;
      cap = cap ? cap * 2 : 65536;
      more = (char*)realloc(buf, cap);
      if (more == NULL) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = more;
    }
    {
      size_t got = fread(buf + n, 1, cap - n, f);
      if (got == 0) break;
      n += got;
    }
  }
  fclose(f);
  *len = n;
  return buf;
}

int main(int argc, char** argv) {
  netra_engine* engine = NULL;
  char* err = NULL;
  int i;
  if (argc < 3) {
    fprintf(stderr, "usage: c_abi_call METHOD OUTDIR FILE...\n");
    return 2;
  }
  if (netra_engine_new(NULL, &engine, &err) != NETRA_OK) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  for (i = 3; i < argc; ++i) {
    size_t len = 0, out_len = 0;
    char* in = slurp(argv[i], &len);
    char* out = NULL;
    char path[4096];
    FILE* f;
    netra_status st;
    if (in == NULL && len == 0) {
      fprintf(stderr, "%s: cannot read\n", argv[i]);
      return 1;
    }
    st = netra_call(engine, argv[1], NETRA_FORMAT_JSON, in, len, &out, &out_len, &err);
    snprintf(path, sizeof path, "%s/%d.%s", argv[2], i - 3, st == NETRA_OK ? "json" : "err");
    f = fopen(path, "wb");
    if (f == NULL) return 1;
    if (st == NETRA_OK) {
      fwrite(out, 1, out_len, f);
    } else {
      fprintf(f, "%s: %s", netra_status_name(st), err);
    }
    fclose(f);
    netra_free(out);
    netra_free(err);
    err = NULL;
    free(in);
  }
  netra_engine_free(engine);
  return 0;
}
