"""netra: Indonesian civil-service discipline and election-neutrality law,
computable -- from Python, at the speed of the C++ library.

    >>> import netra
    >>> d = netra.evaluate({"employee": {"kind": "PNS", "position": {"type": "PELAKSANA"},
    ...                                  "agency": {"level": "REGENCY_CITY"}},
    ...                     "acts": [{"norm": "pp94.duty.attendance", "act_date": "2025-06-30",
    ...                               "absence": {"cumulative_working_days": 15,
    ...                                           "consecutive_working_days": 4}}]})
    >>> netra.Level(d.level).name, [s.code for s in d.allowed_sanctions]
    ('SEDANG', ['S2T'])
    >>> reports = netra.synth_reports(1000, "pilkada2024", seed=7)   # SYNTHETIC reports
    >>> answers = netra.evaluate_frame(reports)      # one row per report, no Python loop
    >>> answers["outcome"].value_counts()[["SANCTION", "NO_STATUTORY_MAPPING"]].tolist()
    [978, 22]
    >>> len(netra.rules()) > 500                     # the rule table, one row per rule
    True

(``netra.audit(decisions_df)`` gives the verdicts on decisions taken.)

What is here: evaluation (``evaluate``, ``evaluate_frame``, ``evaluate_cases``
for cases of several acts, ``Evaluator``),
the law (``RuleBook``, ``rules``, ``settings``, ``elections``), the audit
(``audit``, ``Auditor``), cases and deadlines (``CaseMachine``, ``Case``,
``replay_case``, ``overdue``, ``Calendar``), the store of cases and pact
registries (``Store``: SQLite or PostgreSQL), rosters and
integrity pacts (``Roster``, ``PactRegistry`` with breach links and the
leaders-first order, ``compliance`` with IM NKK indexes), synthetic
data (``synth_roster``, ``synth_reports``), SIASN exports (``netra.siasn``:
``read_folder``, ``from_siasn``, ``report``), figures (``import netra.plot``:
``signing_curve``, ``unit_progress``, ``levels_by_norm_and_month``), ``parse_nip``, ``parse_date``,
every method of the service netra.v1.Netra by name (``call``,
``call_json``, ``Engine``: the request layer the command and the C ABI use),
the schema's enums as IntEnums (``Level``, ``Outcome``, ...), the messages
(``netra.v1.*_pb2``) and the errors (``NetraError`` and subclasses).

Contract: malformed input raises InvalidArgumentError naming the field and
value; wrong Python types raise TypeError naming the argument; every legal
answer (no statutory level, missing facts, outside scope) is an Outcome,
never an error. Rule books, evaluators, auditors, case machines and
calendars are immutable and may be shared between threads; the batch calls
release the GIL. Rosters, pact registries, cases and stores are mutable
and not thread-safe. Nothing reads the clock or the machine's time zone:
give dates.
"""

# Load the C++ extension before any generated message module. The C++
# library registers the netra/v1 descriptors in protobuf's generated pool;
# python3-protobuf's C++ implementation uses that pool as the underlay of
# its default pool, so the *_pb2 modules imported next resolve to the very
# same descriptors and never define netra/v1 files a second time.
from netra import _netra  # noqa: F401  (must come first)

from netra import enums, errors, v1  # noqa: E402
from netra.enums import *  # noqa: E402,F401,F403
from netra.errors import *  # noqa: E402,F401,F403
from netra.basics import Nip, parse_date, parse_nip, to_dict  # noqa: E402
from netra.law import RuleBook, default_rule_book, elections, rules, settings  # noqa: E402
from netra.evaluate import (Evaluator, default_evaluator, determination_text, evaluate, evaluate_cases,  # noqa: E402
                            evaluate_frame, frame_columns)
from netra.audit import Auditor, audit, audit_finding_text, audit_one  # noqa: E402
from netra.cases import (Calendar, Case, CaseMachine, case_state_text, overdue, read_case_log,  # noqa: E402
                         replay_case)
from netra.store import Store  # noqa: E402
from netra.pacts import PactBreachLink, PactRegistry, Roster, compliance  # noqa: E402
from netra.api import Engine, call, call_json, default_engine, methods  # noqa: E402
from netra.synth import synth_report_messages, synth_reports, synth_roster, synth_roster_csv  # noqa: E402
from netra import siasn  # noqa: E402

__version__ = "0.1.0"

__all__ = [
    "RuleBook", "default_rule_book", "rules", "settings", "elections",
    "Evaluator", "default_evaluator", "evaluate", "evaluate_frame", "evaluate_cases", "frame_columns",
    "determination_text",
    "Auditor", "audit", "audit_one", "audit_finding_text",
    "Calendar", "CaseMachine", "Case", "Store", "replay_case", "overdue", "read_case_log", "case_state_text",
    "Roster", "PactRegistry", "PactBreachLink", "compliance",
    "synth_roster", "synth_roster_csv", "synth_reports", "synth_report_messages",
    "Engine", "call", "call_json", "default_engine", "methods",
    "Nip", "parse_nip", "parse_date", "to_dict",
    "enums", "errors", "siasn", "v1",
] + enums.__all__ + errors.__all__
