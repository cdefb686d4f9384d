#include "netra/columns.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "netra/date.h"
#include "netra/v1/audit.pb.h"
#include "utf8.h"

namespace netra {
namespace {

namespace pb = google::protobuf;

// Python's frames (bindings/python/src/frame.cc) index this table by
// position: a column is added at the end of its group there and here.
constexpr RequestColumn kColumns[] = {
    {"kind", "enum:EmployeeKind", "employee.kind", "employee kind (PNS, CPNS, PPPK, PPPK_PARUH_WAKTU, NON_ASN); required", false},
    {"position", "enum:PositionType", "employee.position.type", "position type (PELAKSANA, FUNGSIONAL_KEAHLIAN, ...)", false},
    {"jf_level", "enum:JfLevel", "employee.position.jf_level", "functional level, for FUNGSIONAL_* positions", false},
    {"agency_level", "enum:AgencyLevel", "employee.agency.level", "CENTRAL, PROVINCE, REGENCY_CITY or REPRESENTATION_ABROAD", false},
    {"is_ppk", "bool", "employee.position.is_ppk", "the JPT Madya is the agency's PPK (Pasal 17(1)(b))", false},
    {"party_member", "bool", "employee.party_member", "member of a political party (judged on the decision date)", false},
    {"nip", "str", "employee.nip", "18-digit NIP or NI PPPK (checked; optional)", false},
    {"norm", "str", "acts[0].norm", "breached norm's rule id (pp94.duty.attendance, neutrality.banner, ...); required", false},
    {"act_date", "date", "acts[0].act_date",
     "date of the act (absence: the last day counted); required (a row may leave it empty and give "
     "act_date_from and act_date_until)", false},
    {"act_date_from", "date", "acts[0].act_date_range.from", "first possible day, when the act date is known only as a range", false},
    {"act_date_until", "date", "acts[0].act_date_range.until", "last possible day, when the act date is known only as a range", false},
    {"impact", "enum:Impact", "acts[0].impact", "negative impact: UNIT_KERJA, INSTANSI or NEGARA_PEMERINTAH", false},
    {"cumulative_days", "int", "acts[0].absence.cumulative_working_days",
     "working days absent without valid reason in the act's calendar year", false},
    {"cumulative_days_at_least", "int", "acts[0].absence.cumulative_working_days_range.at_least",
     "lower bound of the yearly total, when it is known only as a range (\"at least 28 days\")", false},
    {"cumulative_days_at_most", "int", "acts[0].absence.cumulative_working_days_range.at_most",
     "upper bound of the yearly total, when it is known only as a range (empty = none)", false},
    {"consecutive_days", "int", "acts[0].absence.consecutive_working_days",
     "longest run of consecutive unexcused working days in the year", false},
    {"consecutive_days_at_least", "int", "acts[0].absence.consecutive_working_days_range.at_least",
     "lower bound of the longest run, when it is known only as a range", false},
    {"consecutive_days_at_most", "int", "acts[0].absence.consecutive_working_days_range.at_most",
     "upper bound of the longest run, when it is known only as a range (empty = none)", false},
    {"late_minutes", "int", "acts[0].absence.late_or_early_minutes", "minutes late or early in the year", false},
    {"tenth_consecutive_day", "date", "acts[0].absence.tenth_consecutive_day",
     "the day the run reached 10 consecutive working days (salary stop, Pasal 15(2))", false},
    {"valid_reason", "bool", "acts[0].valid_reason", "the act had a valid reason", false},
    {"wealth_report_obliged", "bool", "acts[0].wealth_report_obliged", "the PNS must file a wealth report", false},
    {"reference_sanction", "str", "acts[0].reference_sanction",
     "superiors' liability: the subordinate's sanction code (R2, ...)", false},
    {"election", "str", "acts[0].neutrality.target.election", "election id of the supported contest (pilkada2024, pemilu2024)", false},
    {"office", "enum:Office", "acts[0].neutrality.target.office", "office supported (REGENT, PRESIDENT_VICE_PRESIDENT, ...)", false},
    {"route", "enum:CandidateRoute", "acts[0].neutrality.target.route", "PARTY_NOMINATED or INDEPENDENT", false},
    {"region", "str", "acts[0].neutrality.target.region", "Kemendagri region code, where a region has its own dates", false},
    {"on_cltn", "bool", "acts[0].neutrality.on_cltn", "on unpaid leave outside state responsibility (CLTN)", false},
    {"active_support", "bool", "acts[0].neutrality.active_support", "gave active support, beyond being present", false},
    {"resigned_in_writing", "bool", "acts[0].neutrality.resigned_in_writing", "had resigned in writing", false},
    {"cltn_conduct_breach", "bool", "acts[0].neutrality.cltn_conduct_breach", "breached BKN's CLTN conduct guidance", false},
    {"campaign_attributes", "bool", "acts[0].neutrality.campaign_attributes",
     "took part in a campaign wearing party or PNS attributes (PP 94/2021 Pasal 5 huruf n angka 2)", false},
    {"mobilised_staff", "bool", "acts[0].neutrality.mobilised_staff",
     "took part in a campaign mobilising other PNS (PP 94/2021 Pasal 5 huruf n angka 3)", false},
    {"state_facilities", "bool", "acts[0].neutrality.state_facilities",
     "took part in a campaign using state facilities (PP 94/2021 Pasal 5 huruf n angka 4)", false},
    {"intentional", "bool", "acts[0].intentional", "the act was done on purpose (PP 53/2010 Pasal 8 angka 12-13)", false},
    {"work_target_percent", "int", "acts[0].work_target_percent",
     "year-end achievement of the work targets, whole percent (PP 53/2010 Pasal 9 angka 12)", false},
    {"reported_status", "enum:CandidateStatus", "acts[0].neutrality.target.reported_status",
     "BAKAL_CALON or CALON as the report states it, for a contest no calendar covers (instead of election)", false},
    {"prison_months", "int", "acts[0].criminal.prison_months",
     "criminal conviction: months of prison in the final judgment, 0 for none (norm asn.conviction)", false},
    {"planned", "bool", "acts[0].criminal.planned", "criminal conviction: the crime was planned (berencana)", false},
    {"office_related", "bool", "acts[0].criminal.office_related",
     "criminal conviction: a crime of office or connected with the office", false},
    {"retention_conditions_met", "bool", "acts[0].criminal.retention_conditions_met",
     "criminal conviction: the official found every condition of PP 11/2017 Pasal 248(1) for keeping the PNS", false},
    {"custodial", "bool", "acts[0].criminal.custodial", "criminal conviction: the judgment gave prison or kurungan, not a fine alone (implied by prison_months > 0)", false},
    {"prior_sanction", "str", "employee.prior_sanctions[0].sanction_type", "code of an earlier sanction (repeat rule, Pasal 35(2))", false},
    {"prior_norm", "str", "employee.prior_sanctions[0].norm", "norm the earlier sanction was for", false},
    {"prior_decision_date", "date", "employee.prior_sanctions[0].decision_date", "date of the earlier sanction", false},
    {"examination_date", "date", "examination_date", "date of the examination, if held", false},
    {"decision_date", "date", "decision_date", "date of the decision (selects the law and the sanction types in force)", false},
    {"golongan", "enum:Golongan", "employee.golongan",
     "grade (GOLONGAN_III_A, ...); PP 53/2010 assigns a PELAKSANA's officials by it", false},
    {"is_sekda", "bool", "employee.position.is_sekda", "the JPT Pratama post is a regency's or city's Sekda (PP 53/2010 Pasal 19-20)", false},
    {"reports_to_ppk", "bool", "employee.position.reports_to_ppk",
     "the JPT Pratama heads a vertical office under the PPK (PP 53/2010 Pasal 16(1) huruf a angka 5)", false},
    {"jpt_pratama_superior", "enum:Official", "organisation.jpt_pratama_superior",
     "direct superior of the JPT Pratama over the offender: PPK, OFFICIAL_JPT_MADYA or, over a regency's Asisten, "
     "SEKDA_KABUPATEN_KOTA (PP 53/2010 Pasal 16(4); the next higher official when the JPT Pratama post is vacant)",
     false},
    {"secondment", "enum:Secondment", "employee.secondment",
     "NOT_SECONDED (the default), DIPEKERJAKAN or DIPERBANTUKAN: PP 53/2010 gives seconded staff officials of their "
     "own (Pasal 16-20 huruf b to g, 17, 19)", false},
    {"secondment_place", "enum:SecondmentPlace", "employee.secondment_place",
     "where a seconded PNS serves: AGENCY_SAME_PROVINCE, AGENCY_OTHER_PROVINCE, PERWAKILAN_RI or ABROAD_OTHER (also "
     "a PNS on duty abroad)", false},
    {"home_agency_level", "enum:AgencyLevel", "employee.home_agency.level",
     "the level of a seconded PNS's home agency (instansi induk); agency_level is where the PNS serves", false},
    {"case_id", "str", "case_id", "audit: the host's id of the decided case", true},
    {"sanction_type", "str", "imposed.sanction_type", "audit: the sanction type imposed (S2T, B1, MORAL_TERTUTUP, ...)", true},
    {"official", "enum:Official", "imposed.official", "audit: who signed the decision (PPK, OFFICIAL_ADMINISTRATOR, ...)", true},
    {"official_side", "enum:AgencySide", "imposed.official_side",
     "audit: for a seconded PNS, whether the signer is the host's official (HOST) or the home agency's (HOME)", true},
    {"siasn_jenis_hukuman_id", "int", "imposed.siasn_jenis_hukuman_id",
     "audit: the type as SIASN records it (jenisHukumanId), instead of sanction_type", true},
    {"no_sanction", "bool", "no_sanction", "audit: the decision imposed no sanction (no sanction_type then)", true},
    {"recommended_by", "enum:Recommender", "recommendations[0].by",
     "audit: who recommended a sanction (RECOMMENDER_KASN, RECOMMENDER_BKN, RECOMMENDER_BAWASLU, ...)", true},
    {"recommendation_date", "date", "recommendations[0].date", "audit: the date of that recommendation", true},
    {"recommended_level", "enum:Level", "recommendations[0].level", "audit: the level it recommended", true},
    {"recommended_sanction_type", "str", "recommendations[0].sanction_type", "audit: the type it recommended", true},
    {"recommendation_declined", "bool", "recommendations[0].declined", "audit: the official declined it", true},
    {"recommendation_escalated_date", "date", "recommendations[0].escalated_date",
     "audit: when the recommender escalated it after it was not followed", true},
};

}  // namespace

absl::Span<const RequestColumn> RequestColumns() { return kColumns; }

const RequestColumn* FindColumn(absl::string_view name) {
  for (const RequestColumn& c : kColumns) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

namespace {

// The value of a column, named with its text, for an error.
absl::Status Bad(const RequestColumn& column, absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("column ", column.name, ": ",
                                                 internal::Quoted(text, 80), " ", why));
}

// Walks `path` ("acts[0].absence.x") from `m`, making the messages on the
// way (the first element of a repeated one); the leaf field and its message.
bool Walk(pb::Message* m, absl::string_view path, pb::Message** leaf, const pb::FieldDescriptor** field) {
  std::vector<absl::string_view> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    absl::string_view part = parts[i];
    const bool first = absl::ConsumeSuffix(&part, "[0]");
    const pb::FieldDescriptor* f = m->GetDescriptor()->FindFieldByName(std::string(part));
    if (f == nullptr || f->is_repeated() != first) return false;
    if (i + 1 == parts.size()) {
      *leaf = m;
      *field = f;
      return !f->is_repeated();
    }
    if (f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) return false;
    const pb::Reflection* r = m->GetReflection();
    if (f->is_repeated()) {
      m = r->FieldSize(*m, f) == 0 ? r->AddMessage(m, f) : r->MutableRepeatedMessage(m, f, 0);
    } else {
      m = r->MutableMessage(m, f);
    }
  }
  return false;
}

}  // namespace

absl::Status SetColumn(const RequestColumn& column, absl::string_view text, pb::Message* request) {
  if (text.empty()) return absl::OkStatus();
  const bool decided = request->GetDescriptor() == v1::DecidedCase::descriptor();
  if (!decided && request->GetDescriptor() != v1::EvaluationRequest::descriptor()) {
    return absl::InvalidArgumentError(
        absl::StrCat("request: a ", request->GetDescriptor()->full_name(), ", not an EvaluationRequest or DecidedCase"));
  }
  if (column.audit_only && !decided) {
    return absl::InvalidArgumentError(
        absl::StrCat("column ", column.name, ": a column of the audit (a decided case), not of a request"));
  }
  if (internal::InvalidUtf8(text) != absl::string_view::npos) return Bad(column, text, "is not UTF-8");
  pb::Message* leaf = nullptr;
  const pb::FieldDescriptor* f = nullptr;
  // In a decided case the decision date is the decision's own
  // (imposed.decision_date, which request.decision_date may only repeat).
  const std::string path = !decided || column.audit_only ? std::string(column.field)
                           : absl::string_view(column.name) == "decision_date" ? "imposed.decision_date"
                                                                               : absl::StrCat("request.", column.field);
  if (!Walk(request, path, &leaf, &f)) {
    return absl::InternalError(absl::StrCat("column ", column.name, ": no field ", path));  // a table error
  }
  const pb::Reflection* r = leaf->GetReflection();
  const absl::string_view type = column.type;
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_ENUM: {
      const pb::EnumValueDescriptor* v = f->enum_type()->FindValueByName(absl::AsciiStrToUpper(text));
      if (v == nullptr || v->number() == 0) {
        std::vector<std::string> names;
        for (int i = 1; i < f->enum_type()->value_count(); ++i) names.push_back(f->enum_type()->value(i)->name());
        return Bad(column, text, absl::StrCat("is not a ", f->enum_type()->name(), " (", absl::StrJoin(names, ", "), ")"));
      }
      r->SetEnum(leaf, f, v);
      return absl::OkStatus();
    }
    case pb::FieldDescriptor::CPPTYPE_BOOL: {
      const std::string t = absl::AsciiStrToLower(text);
      if (t != "true" && t != "false" && t != "1" && t != "0") return Bad(column, text, "is not true, false, 1 or 0");
      r->SetBool(leaf, f, t == "true" || t == "1");
      return absl::OkStatus();
    }
    case pb::FieldDescriptor::CPPTYPE_INT32: {
      int32_t v = 0;
      if (!absl::SimpleAtoi(text, &v)) return Bad(column, text, "is not a whole number");
      r->SetInt32(leaf, f, v);
      return absl::OkStatus();
    }
    case pb::FieldDescriptor::CPPTYPE_INT64: {
      int64_t v = 0;
      if (!absl::SimpleAtoi(text, &v)) return Bad(column, text, "is not a whole number");
      r->SetInt64(leaf, f, v);
      return absl::OkStatus();
    }
    case pb::FieldDescriptor::CPPTYPE_STRING:
      if (type == "date") {
        if (auto d = ParseDate(text, absl::StrCat("column ", column.name)); !d.ok()) return d.status();
      }
      r->SetString(leaf, f, std::string(text));
      return absl::OkStatus();
    default:
      return absl::InternalError(absl::StrCat("column ", column.name, ": field ", path, " has no text form"));
  }
}

}  // namespace netra
