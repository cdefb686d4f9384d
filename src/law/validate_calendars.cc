// ValidateLaw's stages for calendars (validate_stages.h): the election
// calendars (contests, offices, stage dates in order, citations) and the days
// off of each year.
#include <algorithm>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "law/validate_stages.h"
#include "netra/date.h"

namespace netra::internal {
namespace {

absl::StatusOr<absl::CivilDay> EntryDay(const v1::CalendarEntry& e, const std::string& where, bool until) {
  const std::string& text = until && !e.until().empty() ? e.until() : e.from();
  return ParseDate(text, absl::StrCat(where, until ? ".until" : ".from"));
}

}  // namespace

// Election calendars: ids, offices, dates in stage order, citations.
absl::Status Validator::Elections() {
  size_t file = 0;
  for (const auto& f : law_.files) {
    const std::string& name = law_.file_names[file++];
    for (int i = 0; i < f->elections_size(); ++i) {
      const v1::Election& el = f->elections(i);
      const std::string where = absl::StrCat(name, ": election ", el.id(), ": ");
      if (!ValidId(el.id())) return Bad(absl::StrCat(where, "id must be lowercase letters, digits, '.', '_'"));
      if (auto st = Enums(el, ""); !st.ok()) return Bad(absl::StrCat(where, st.message()));
      if (el.kind() == v1::ELECTION_KIND_UNSPECIFIED) return Bad(absl::StrCat(where, "kind is required"));
      auto [it, fresh] = law_.election_by_id.emplace(el.id(), static_cast<int>(law_.elections.size()));
      if (!fresh) {
        return Bad(absl::StrCat(where, "duplicate election id (first in ", law_.elections[it->second].where, ")"));
      }
      CompiledElection ce;
      ce.decl = &el;
      ce.where = name;
      if (el.contests_size() == 0) return Bad(absl::StrCat(where, "an election needs at least one contest"));
      std::set<std::string> ids;
      for (int c = 0; c < el.contests_size(); ++c) {
        const v1::Contest& k = el.contests(c);
        const std::string at = absl::StrCat(where, "contest ", k.id().empty() ? absl::StrCat("#", c) : k.id());
        if (!ValidId(k.id())) return Bad(absl::StrCat(at, ": id must be lowercase letters, digits, '.', '_'"));
        if (!ids.insert(k.id()).second) return Bad(absl::StrCat(at, ": duplicate contest id"));
        CompiledContest cc;
        cc.decl = &k;
        if (k.offices_size() == 0) return Bad(absl::StrCat(at, ": offices is required"));
        for (int o : k.offices()) {
          if (o == v1::OFFICE_UNSPECIFIED) return Bad(absl::StrCat(at, ": offices lists OFFICE_UNSPECIFIED"));
          cc.office_mask |= uint16_t(1u << o);
        }
        // Every entry: dates parse, until >= from, citations resolve.
        struct Named {
          const char* name;
          const v1::CalendarEntry* e;
          bool required;
        };
        const Named entries[] = {{"registration", &k.registration(), false},
                                 {"determination", &k.determination(), true},
                                 {"campaign", &k.campaign(), true},
                                 {"quiet", &k.quiet(), true},
                                 {"voting", &k.voting(), true},
                                 {"recapitulation", &k.recapitulation(), false},
                                 {"independent_support_collection", &k.independent_support_collection(), false}};
        for (const Named& n : entries) {
          const std::string ew = absl::StrCat(at, ".", n.name);
          const bool present = n.e->from().size() + n.e->until().size() + n.e->citations_size() > 0;
          if (!present) {
            if (n.required) return Bad(absl::StrCat(ew, ": required"));
            continue;
          }
          auto from = EntryDay(*n.e, ew, false);
          if (!from.ok()) return from.status();
          auto until = EntryDay(*n.e, ew, true);
          if (!until.ok()) return until.status();
          if (*until < *from) {
            return Bad(absl::StrCat(ew, ": dates out of order: until ", n.e->until(), " is before from ", n.e->from()));
          }
          if (n.e->citations_size() == 0) return Bad(absl::StrCat(ew, ": an entry must cite its source"));
          for (int ci = 0; ci < n.e->citations_size(); ++ci) {
            if (auto st = CheckCitation(n.e->citations(ci)); !st.ok()) {
              return Bad(absl::StrCat(ew, ".citations[", ci, "]: ", st.message()));
            }
          }
        }
        cc.has_registration = !k.registration().from().empty();
        if (cc.has_registration) cc.registration = *EntryDay(k.registration(), at, false);
        cc.determination = *EntryDay(k.determination(), at, false);
        cc.campaign_from = *EntryDay(k.campaign(), at, false);
        cc.campaign_until = *EntryDay(k.campaign(), at, true);
        cc.quiet_from = *EntryDay(k.quiet(), at, false);
        cc.quiet_until = *EntryDay(k.quiet(), at, true);
        cc.voting_from = *EntryDay(k.voting(), at, false);
        cc.voting_until = *EntryDay(k.voting(), at, true);
        // Stage order (docs/law/elections.md): registration <= determination <
        // campaign; the quiet period follows the campaign and voting the
        // quiet period without a gap (masa tenang is the days before voting).
        if (cc.has_registration && cc.determination < cc.registration) {
          return Bad(absl::StrCat(at, ": dates out of order: registration opens after determination"));
        }
        if (cc.campaign_from <= cc.determination) {
          return Bad(absl::StrCat(at, ": dates out of order: campaign starts before determination"));
        }
        if (cc.quiet_from != cc.campaign_until + 1) {
          return Bad(absl::StrCat(at, ": the quiet period must start the day after the campaign ends (",
                                  FormatDate(cc.campaign_until + 1), "), not ", FormatDate(cc.quiet_from)));
        }
        if (cc.voting_from != cc.quiet_until + 1) {
          return Bad(absl::StrCat(at, ": voting must follow the quiet period (", FormatDate(cc.quiet_until + 1),
                                  "), not ", FormatDate(cc.voting_from)));
        }
        // Two contests of one election for one office need disjoint regions,
        // or a target would have two calendars.
        for (const CompiledContest& other : ce.contests) {
          if (!(other.office_mask & cc.office_mask)) continue;
          bool shared = other.decl->regions().empty() && k.regions().empty();
          for (const std::string& reg : k.regions()) {
            shared |= std::find(other.decl->regions().begin(), other.decl->regions().end(), reg) !=
                      other.decl->regions().end();
          }
          if (shared) {
            return Bad(absl::StrCat(at, ": contest ", other.decl->id(),
                                    " already has a calendar for one of its offices in the same regions"));
          }
        }
        ce.contests.push_back(cc);
      }
      law_.elections.push_back(std::move(ce));
    }
  }
  return absl::OkStatus();
}

// Days off per year: each date inside its year, each once, each year
// once across the files, every year cited.
absl::Status Validator::HolidayYears() {
  size_t file = 0;
  for (const auto& f : law_.files) {
    const std::string& name = law_.file_names[file++];
    for (int i = 0; i < f->holiday_years_size(); ++i) {
      const v1::HolidayYear& y = f->holiday_years(i);
      const std::string where = absl::StrCat(name, ": holiday year ", y.year(), ": ");
      if (y.year() < 1900 || y.year() > 2199) return Bad(absl::StrCat(where, "year out of range 1900-2199"));
      if (auto st = Enums(y, ""); !st.ok()) return Bad(absl::StrCat(where, st.message()));
      if (law_.holiday_years.count(y.year())) {
        return Bad(absl::StrCat(where, "the year is given twice (a host file replaces an embedded file by "
                                       "giving it the same name)"));
      }
      if (y.citations_size() == 0) return Bad(absl::StrCat(where, "a year must cite the decree that sets it"));
      for (int c = 0; c < y.citations_size(); ++c) {
        if (auto st = CheckCitation(y.citations(c)); !st.ok()) {
          return Bad(absl::StrCat(where, "citations[", c, "]: ", st.message()));
        }
      }
      std::set<absl::CivilDay> seen;
      for (int d = 0; d < y.days_size(); ++d) {
        const v1::DayOff& day = y.days(d);
        // The day's path, written into an error only.
        auto at = [&] { return absl::StrCat(where, "days[", d, "]"); };
        auto date = ParseDate(day.date(), "date");
        if (!date.ok()) return Bad(absl::StrCat(at(), ".", date.status().message()));
        if (date->year() != y.year()) return Bad(absl::StrCat(at(), ".date: ", day.date(), " is not in ", y.year()));
        if (!seen.insert(*date).second) return Bad(absl::StrCat(at(), ".date: ", day.date(), " is listed twice"));
        if (day.kind() == v1::DAY_OFF_KIND_UNSPECIFIED) return Bad(absl::StrCat(at(), ".kind is required"));
        for (int c = 0; c < day.citations_size(); ++c) {
          if (auto st = CheckCitation(day.citations(c)); !st.ok()) {
            return Bad(absl::StrCat(at(), ".citations[", c, "]: ", st.message()));
          }
        }
      }
      law_.holiday_years[y.year()] = &y;
    }
  }
  return absl::OkStatus();
}

}  // namespace netra::internal
