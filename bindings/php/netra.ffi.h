#define FFI_SCOPE "NETRA"
#define FFI_LIB "libnetra.so.1"
// The declarations of include/netra/netra.h that PHP's FFI reads (FFI::cdef,
// FFI::load, ffi.preload). PHP's FFI parser takes no #include or #if, so the
// enum is an int and the types are written out; a PHPUnit test
// (tests/HeaderTest.php) checks every function here against netra.h.
// The two #define lines must come first (PHP reads them only there).
// FFI_SCOPE names the preloaded scope (opcache.preload / ffi.preload, see
// README.md); FFI_LIB is the library's SONAME, found on the default library
// path: edit it to an absolute path for a library installed elsewhere.
typedef struct netra_engine netra_engine;
typedef struct netra_options netra_options;

uint32_t netra_abi_version(void);
const char* netra_version(void);
const char* netra_status_name(int status);
void netra_free(void* buffer);

netra_options* netra_options_new(void);
void netra_options_free(netra_options* options);
int netra_options_add_law_file(netra_options* options, const char* path, char** err);
int netra_options_add_law_bytes(netra_options* options, const char* name, const char* text, size_t text_len, char** err);
int netra_options_set(netra_options* options, const char* name, const char* value, char** err);
int netra_options_exclude_embedded_law(netra_options* options, char** err);

int netra_engine_new(const netra_options* options, netra_engine** engine, char** err);
void netra_engine_free(netra_engine* engine);

int netra_call(const netra_engine* engine, const char* method, int format, const char* in, size_t in_len, char** out, size_t* out_len, char** err);
int netra_evaluate(const netra_engine* engine, int format, const char* in, size_t in_len, char** out, size_t* out_len, char** err);
int netra_audit(const netra_engine* engine, int format, const char* in, size_t in_len, char** out, size_t* out_len, char** err);
int netra_evaluate_batch(const netra_engine* engine, int format, const char* in, size_t in_len, char** out, size_t* out_len, char** err);
int netra_audit_batch(const netra_engine* engine, int format, const char* in, size_t in_len, char** out, size_t* out_len, char** err);
int netra_rules(const netra_engine* engine, int format, const char* in, size_t in_len, char** out, size_t* out_len, char** err);
int netra_elections(const netra_engine* engine, int format, const char* in, size_t in_len, char** out, size_t* out_len, char** err);
int netra_working_days(const netra_engine* engine, int format, const char* in, size_t in_len, char** out, size_t* out_len, char** err);
int netra_replay_case(const netra_engine* engine, int format, const char* in, size_t in_len, char** out, size_t* out_len, char** err);
int netra_pact_progress(const netra_engine* engine, int format, const char* in, size_t in_len, char** out, size_t* out_len, char** err);
