// netra_openapi: writes the OpenAPI 3.1 document of `netra serve` from the
// schema, at build time (the document is never written by hand).
//
//   netra_openapi DESCRIPTOR_SET VERSION OUT.json OUT.cc
//
// DESCRIPTOR_SET is proto/netra/v1 compiled by protoc with
// --include_imports --include_source_info, so every schema carries its
// comment from the .proto file. Every method of the services netra.v1.Netra
// and netra.v1.Records becomes POST /v1/<Method> (JSON, protobuf, and JSON lines for the methods
// of serve/routes.h), every message and enum a schema under
// components/schemas in the protobuf JSON mapping as netra prints and reads
// it (proto field names; 64-bit integers as strings or numbers; enums by
// name). OUT.cc holds the same text as serve::kOpenApiJson for the server.
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "serve/routes.h"

namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;
using google::protobuf::SourceLocation;

// A JSON string.
std::string Q(absl::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          absl::StrAppend(&out, "\\u00", absl::Hex(c, absl::kZeroPad2));
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out + "\"";
}

// A JSON object whose members keep the order they were set in.
class Obj {
 public:
  Obj& Set(absl::string_view key, std::string json) {
    members_.emplace_back(std::string(key), std::move(json));
    return *this;
  }
  Obj& Str(absl::string_view key, absl::string_view value) { return Set(key, Q(value)); }
  std::string Json() const {
    std::vector<std::string> parts;
    for (const auto& [k, v] : members_) parts.push_back(absl::StrCat(Q(k), ":", v));
    return absl::StrCat("{", absl::StrJoin(parts, ","), "}");
  }
  bool empty() const { return members_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> members_;
};

std::string Arr(const std::vector<std::string>& items) { return absl::StrCat("[", absl::StrJoin(items, ","), "]"); }

// The leading comment of a descriptor, each line's leading space removed.
template <typename D>
std::string Comment(const D* d) {
  SourceLocation loc;
  if (!d->GetSourceLocation(&loc)) return "";
  std::string text = loc.leading_comments.empty() ? loc.trailing_comments : loc.leading_comments;
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    absl::ConsumePrefix(&line, " ");
    lines.emplace_back(line);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return absl::StrJoin(lines, "\n");
}

std::string SchemaName(absl::string_view full_name) {
  absl::string_view name = full_name;
  absl::ConsumePrefix(&name, "netra.v1.");
  return std::string(name);
}

std::string Ref(absl::string_view full_name) {
  return Obj().Str("$ref", absl::StrCat("#/components/schemas/", SchemaName(full_name))).Json();
}

class Writer {
 public:
  // The schema of one value of `f` (an element, for a repeated field).
  std::string ValueSchema(const FieldDescriptor* f) {
    switch (f->type()) {
      case FieldDescriptor::TYPE_MESSAGE:
      case FieldDescriptor::TYPE_GROUP:
        Add(f->message_type());
        return Ref(f->message_type()->full_name());
      case FieldDescriptor::TYPE_ENUM:
        AddEnum(f->enum_type());
        return Ref(f->enum_type()->full_name());
      case FieldDescriptor::TYPE_STRING: return Obj().Str("type", "string").Json();
      case FieldDescriptor::TYPE_BYTES: return Obj().Str("type", "string").Str("contentEncoding", "base64").Json();
      case FieldDescriptor::TYPE_BOOL: return Obj().Str("type", "boolean").Json();
      case FieldDescriptor::TYPE_DOUBLE:
      case FieldDescriptor::TYPE_FLOAT: return Obj().Str("type", "number").Json();
      case FieldDescriptor::TYPE_INT64:
      case FieldDescriptor::TYPE_SINT64:
      case FieldDescriptor::TYPE_SFIXED64:
        // The protobuf JSON mapping writes 64-bit integers as strings and
        // reads either.
        return Obj().Set("type", R"(["string","integer"])").Str("format", "int64").Json();
      case FieldDescriptor::TYPE_UINT64:
      case FieldDescriptor::TYPE_FIXED64:
        return Obj().Set("type", R"(["string","integer"])").Str("format", "uint64").Json();
      case FieldDescriptor::TYPE_UINT32:
      case FieldDescriptor::TYPE_FIXED32:
        return Obj().Str("type", "integer").Str("format", "uint32").Set("minimum", "0").Json();
      default: return Obj().Str("type", "integer").Str("format", "int32").Json();
    }
  }

  std::string FieldSchema(const FieldDescriptor* f) {
    Obj schema;
    if (f->is_map()) {
      schema.Str("type", "object").Set("additionalProperties", ValueSchema(f->message_type()->map_value()));
    } else if (f->is_repeated()) {
      schema.Str("type", "array").Set("items", ValueSchema(f));
    } else {
      // A $ref with a description: 3.1 allows siblings beside $ref.
      const std::string value = ValueSchema(f);
      std::string description = Comment(f);
      if (f->containing_oneof() != nullptr && !f->containing_oneof()->is_synthetic()) {
        absl::StrAppend(&description, description.empty() ? "" : "\n", "One of the oneof `",
                        f->containing_oneof()->name(), "`: at most one of its fields is set.");
      }
      if (description.empty()) return value;
      return absl::StrCat(absl::StripSuffix(value, "}"), ",\"description\":", Q(description), "}");
    }
    const std::string description = Comment(f);
    if (!description.empty()) schema.Str("description", description);
    return schema.Json();
  }

  void Add(const Descriptor* d) {
    if (d->options().map_entry() || schemas_.count(SchemaName(d->full_name())) || pending_.count(d)) return;
    pending_.insert(d);
    Obj properties;
    for (int i = 0; i < d->field_count(); ++i) properties.Set(d->field(i)->name(), FieldSchema(d->field(i)));
    Obj schema;
    schema.Str("type", "object");
    const std::string description = Comment(d);
    if (!description.empty()) schema.Str("description", description);
    schema.Set("properties", properties.Json()).Set("additionalProperties", "false");
    schemas_[SchemaName(d->full_name())] = schema.Json();
  }

  void AddEnum(const EnumDescriptor* e) {
    if (schemas_.count(SchemaName(e->full_name()))) return;
    std::vector<std::string> names;
    for (int i = 0; i < e->value_count(); ++i) names.push_back(Q(e->value(i)->name()));
    Obj schema;
    schema.Str("type", "string");
    const std::string description = Comment(e);
    if (!description.empty()) schema.Str("description", description);
    schema.Set("enum", Arr(names));
    schemas_[SchemaName(e->full_name())] = schema.Json();
  }

  void AddRaw(const std::string& name, const std::string& schema) { schemas_[name] = schema; }

  std::string Schemas() const {
    Obj all;
    for (const auto& [name, schema] : schemas_) all.Set(name, schema);
    return all.Json();
  }

  const std::map<std::string, std::string>& schemas() const { return schemas_; }

 private:
  std::map<std::string, std::string> schemas_;
  std::set<const Descriptor*> pending_;
};

std::string JsonContent(const std::string& schema) { return Obj().Set("schema", schema).Json(); }

std::string BinaryContent() {
  return JsonContent(Obj().Str("type", "string").Str("contentMediaType", netra::serve::kProtoType).Json());
}

std::string QueryParameter(absl::string_view name, absl::string_view description, std::string schema) {
  return Obj().Str("name", name).Str("in", "query").Set("required", "false").Str("description", description)
      .Set("schema", std::move(schema)).Json();
}

std::string Response(absl::string_view description, const std::string& content = "") {
  Obj r;
  r.Str("description", description);
  if (!content.empty()) r.Set("content", content);
  return r.Json();
}

std::string ErrorResponse(absl::string_view description) {
  return Response(description, Obj().Set(netra::serve::kJsonType, JsonContent(Ref("Error"))).Json());
}

std::string Operation(Writer& w, const MethodDescriptor* m) {
  using namespace netra::serve;
  w.Add(m->input_type());
  w.Add(m->output_type());
  Obj request, answer;
  request.Set(kJsonType, JsonContent(Ref(m->input_type()->full_name())));
  request.Set(kProtoType, BinaryContent());
  answer.Set(kJsonType, JsonContent(Ref(m->output_type()->full_name())));
  answer.Set(kProtoType, BinaryContent());
  std::vector<std::string> parameters = {
      QueryParameter("pretty", "JSON only: indented, one field a line (default false: one line).",
                     Obj().Str("type", "boolean").Json()),
      QueryParameter("emit_defaults", "JSON only: write fields at their default value too (0, \"\", false, [])",
                     Obj().Str("type", "boolean").Json()),
      QueryParameter("camel_case",
                     "JSON only: field names in lowerCamelCase (ruleIds) instead of as the schema below spells "
                     "them (rule_ids); the schemas name the fields the default way.",
                     Obj().Str("type", "boolean").Json()),
      QueryParameter("int64_as_numbers",
                     "JSON only: 64-bit integers (counts, amounts) as JSON numbers where a double holds them "
                     "exactly, instead of strings.",
                     Obj().Str("type", "boolean").Json())};
  std::string description = Comment(m);
  for (const JsonLinesMethod& lines : kJsonLinesMethods) {
    if (m->name() != lines.method) continue;
    const FieldDescriptor* items = m->input_type()->FindFieldByName(lines.item_field);
    const FieldDescriptor* answers = m->output_type()->FindFieldByName("items");
    if (items == nullptr || answers == nullptr || items->message_type() == nullptr) {
      std::cerr << "netra_openapi: " << m->full_name() << " has no field " << lines.item_field << " or items\n";
      std::exit(1);
    }
    w.Add(items->message_type());
    w.Add(answers->message_type());
    // OpenAPI 3.1 has no schema for one line of a stream: x-line-schema
    // names it.
    request.Set(kLinesType, Obj().Set("x-line-schema", Ref(items->message_type()->full_name()))
                                .Set("schema", Obj().Str("type", "string").Json()).Json());
    // A line's answer: the item's result, or the error of its line.
    std::vector<std::string> results;
    const Descriptor* item = answers->message_type();
    for (int i = 0; i < item->field_count(); ++i) {
      const FieldDescriptor* f = item->field(i);
      if (f->message_type() != nullptr && f->message_type()->name() != "ItemError") {
        results.push_back(Ref(f->message_type()->full_name()));
      }
    }
    results.push_back(Ref("LineError"));
    answer.Set(kLinesType, Obj().Set("x-line-schema", Obj().Set("oneOf", Arr(results)).Json())
                               .Set("schema", Obj().Str("type", "string").Json()).Json());
    parameters.push_back(QueryParameter(
        "form", "JSON lines only: SUMMARY for DeterminationSummary rows (EvaluateBatch).", Ref("netra.v1.AnswerForm")));
    request.Set(kCsvType, Obj().Set("schema", Obj().Str("type", "string").Json()).Json());
    absl::StrAppend(&description, "\n\nWith Content-Type ", kLinesType,
                    " the body is one request a line and the answer one result a line, streamed in chunks (a bad "
                    "line is a LineError in its place). With Content-Type ", kCsvType,
                    " the body is CSV whose first line names the columns (include/netra/columns.h: kind, norm, "
                    "act_date, ...; for AuditBatch also sanction_type, official, case_id), one request a row, "
                    "answered as JSON lines.");
  }
  Obj responses;
  responses.Set("200", Response("The answer.", answer.Json()));
  responses.Set("400", ErrorResponse("Malformed input, named by field and value (INVALID_ARGUMENT), or refused by "
                                     "the law's procedure (FAILED_PRECONDITION)."));
  responses.Set("401", ErrorResponse("No bearer token, or one the service does not know (with a tokens file)."));
  if (m->service()->name() == "Records") {
    responses.Set("403", ErrorResponse("The token may not do this: a write with a READ_ONLY token, or a case, roster "
                                       "row, pact or agency outside the token's agencies (PERMISSION_DENIED)."));
    responses.Set("404", ErrorResponse("No such case, or a NIP not on the election's stored roster (NOT_FOUND)."));
    responses.Set("409", ErrorResponse("A case id already taken (ALREADY_EXISTS), or a write that raced others too "
                                       "often (ABORTED): read and try again."));
  }
  responses.Set("413", ErrorResponse("A body past its limit."));
  responses.Set("415", ErrorResponse("A Content-Type the method does not take."));
  responses.Set("503", ErrorResponse("Too many connections, or the service is stopping."));
  return Obj()
      .Str("operationId", m->name())
      .Str("summary", Comment(m).substr(0, Comment(m).find('\n')))
      .Str("description", description)
      .Set("parameters", Arr(parameters))
      .Set("requestBody", Obj().Set("required", "true").Set("content", request.Json()).Json())
      .Set("responses", responses.Json())
      .Json();
}

std::string Get(absl::string_view operation, absl::string_view summary, absl::string_view type,
                const std::string& schema, bool secured) {
  Obj responses;
  responses.Set("200", Response(summary, Obj().Set(type, JsonContent(schema)).Json()));
  if (type == netra::serve::kJsonType && operation == "ready") {
    responses.Set("503", Response("Stopping: send requests elsewhere.",
                                  Obj().Set(type, JsonContent(schema)).Json()));
  }
  if (secured) responses.Set("401", ErrorResponse("No bearer token, or an unknown one (with a tokens file)."));
  Obj op;
  op.Str("operationId", operation).Str("summary", summary).Set("responses", responses.Json());
  if (!secured) op.Set("security", "[]");
  return Obj().Set("get", op.Json()).Json();
}

}  // namespace

// One JSON Schema (2020-12) per message of the service, in `dir`
// (netra.v1.<Name>.schema.json): the message as $ref to its own $defs
// entry, with every schema it reaches. A message in the protobuf JSON
// mapping with the .proto's field names, as netra prints it by default.
bool WriteJsonSchemas(const Writer& w, const std::string& dir) {
  const std::string kRef = "\"$ref\":\"#/components/schemas/";
  auto refs = [&](const std::string& schema) {
    std::vector<std::string> out;
    for (size_t at = schema.find(kRef); at != std::string::npos; at = schema.find(kRef, at + 1)) {
      const size_t begin = at + kRef.size();
      out.push_back(schema.substr(begin, schema.find('"', begin) - begin));
    }
    return out;
  };
  for (const auto& [name, schema] : w.schemas()) {
    if (!absl::StrContains(schema, "\"properties\"") || name == "Error" || name == "LineError" || name == "Status") {
      continue;  // enums and the service's own bodies: reached from the messages
    }
    std::set<std::string> reached = {name};
    std::vector<std::string> todo = {name};
    while (!todo.empty()) {
      const std::string next = todo.back();
      todo.pop_back();
      for (const std::string& r : refs(w.schemas().at(next))) {
        if (reached.insert(r).second) todo.push_back(r);
      }
    }
    Obj defs;
    for (const std::string& r : reached) {
      defs.Set(r, absl::StrReplaceAll(w.schemas().at(r), {{"#/components/schemas/", "#/$defs/"}}));
    }
    const std::string file = absl::StrCat("netra.v1.", name, ".schema.json");
    const std::string doc = Obj()
                                .Str("$schema", "https://json-schema.org/draft/2020-12/schema")
                                .Str("$id", file)
                                .Str("title", absl::StrCat("netra.v1.", name))
                                .Str("$ref", absl::StrCat("#/$defs/", name))
                                .Set("$defs", defs.Json())
                                .Json() +
                            "\n";
    std::ofstream out(absl::StrCat(dir, "/", file), std::ios::binary);
    out << doc;
    if (!out) return false;
  }
  return true;
}

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    std::cerr << "usage: netra_openapi DESCRIPTOR_SET VERSION OUT.json OUT.cc [SCHEMA_DIR]\n";
    return 2;
  }
  google::protobuf::FileDescriptorSet set;
  {
    std::ifstream in(argv[1], std::ios::binary);
    if (!in || !set.ParseFromIstream(&in)) {
      std::cerr << "netra_openapi: cannot read " << argv[1] << "\n";
      return 1;
    }
  }
  google::protobuf::DescriptorPool pool;
  for (const auto& file : set.file()) {
    if (pool.BuildFile(file) == nullptr) {
      std::cerr << "netra_openapi: cannot build " << file.name() << "\n";
      return 1;
    }
  }
  const auto* service = pool.FindServiceByName("netra.v1.Netra");
  const auto* records = pool.FindServiceByName("netra.v1.Records");
  if (service == nullptr || records == nullptr) {
    std::cerr << "netra_openapi: no service netra.v1.Netra or netra.v1.Records in " << argv[1] << "\n";
    return 1;
  }
  Writer w;
  // The two refusal bodies: an integer line number first for a JSON-lines row.
  auto refusal = [](absl::string_view description, bool line) {
    Obj properties;
    if (line) properties.Set("line", Obj().Str("type", "integer").Json());
    properties.Set("code", Obj().Str("type", "string").Json()).Set("error", Obj().Str("type", "string").Json());
    return Obj()
        .Str("type", "object")
        .Str("description", description)
        .Set("properties", properties.Json())
        .Set("required", line ? R"(["line","code","error"])" : R"(["code","error"])")
        .Set("additionalProperties", "false")
        .Json();
  };
  w.AddRaw("Error", refusal("Why a request was refused: the absl::StatusCode name and the words every surface of "
                            "netra gives, naming the field and value.",
                            false));
  w.AddRaw("LineError", refusal("A line of a JSON-lines batch that was refused: its 1-based line number, the status "
                                "code name and the reason.",
                                true));
  w.AddRaw("Status", Obj()
                         .Str("type", "object")
                         .Set("properties", Obj().Set("status", Obj().Str("type", "string").Json()).Json())
                         .Set("required", R"(["status"])")
                         .Json());
  Obj paths;
  for (const auto* s : {service, records}) {
    for (int i = 0; i < s->method_count(); ++i) {
      const MethodDescriptor* m = s->method(i);
      paths.Set(absl::StrCat("/v1/", m->name()), Obj().Set("post", Operation(w, m)).Json());
    }
  }
  using namespace netra::serve;
  paths.Set(kHealthPath, Get("health", "The process answers.", kJsonType, Ref("Status"), false));
  paths.Set(kReadyPath, Get("ready", "The service takes requests (503 once it stops).", kJsonType, Ref("Status"), false));
  paths.Set(kMetricsPath, Get("metrics", "Counters and latencies in the Prometheus text format.", "text/plain",
                              Obj().Str("type", "string").Json(), true));
  paths.Set(kOpenApiPath, Get("openapi", "This document.", kJsonType, Obj().Str("type", "object").Json(), true));

  const std::string doc =
      Obj()
          .Str("openapi", "3.1.0")
          .Set("info", Obj()
                           .Str("title", "netra")
                           .Str("version", argv[2])
                           .Str("summary", "Indonesian civil-service discipline and election-neutrality law, "
                                           "computed with citations.")
                           .Str("description", absl::StrCat(Comment(service), "\n\n", Comment(records)))
                           .Json())
          .Set("servers", Arr({Obj().Str("url", "http://127.0.0.1:8080").Json()}))
          .Set("security", Arr({Obj().Set("bearer", "[]").Json()}))
          .Set("paths", paths.Json())
          .Set("components", Obj()
                                 .Set("schemas", w.Schemas())
                                 .Set("securitySchemes",
                                      Obj().Set("bearer", Obj()
                                                              .Str("type", "http")
                                                              .Str("scheme", "bearer")
                                                              .Str("description",
                                                                   "A token of the service's tokens file (`netra "
                                                                   "serve token`); none is needed without one.")
                                                              .Json())
                                          .Json())
                                 .Json())
          .Json() +
      "\n";
  std::ofstream json(argv[3], std::ios::binary);
  json << doc;
  std::ofstream cc(argv[4], std::ios::binary);
  cc << "// Generated by netra_openapi (src/serve/openapi_main.cc) from proto/netra/v1. Do not edit.\n"
        "namespace netra::serve {\nextern const char kOpenApiJson[];\nconst char kOpenApiJson[] = R\"netra_openapi("
     << doc << ")netra_openapi\";\n}  // namespace netra::serve\n";
  if (!json || !cc || (argc == 6 && !WriteJsonSchemas(w, argv[5]))) {
    std::cerr << "netra_openapi: cannot write the output\n";
    return 1;
  }
  return 0;
}
