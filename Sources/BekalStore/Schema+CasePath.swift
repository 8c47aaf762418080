import BekalCore

extension Schema {
    /// Her path through the programme (issue 15): the intake into an enrolment, the dated
    /// stages of her case, and why she returned (or what kept her from it). Both append-only; a closed case takes no further stage, which the
    /// schema refuses too, as it would an insider's INSERT.
    static let v10CasePath: [String] = [
        """
        CREATE TABLE intake (
          enrolment_id INTEGER PRIMARY KEY REFERENCES enrolment(id),
          route TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(IntakeRoute.allCases.map(\.rawValue), column: "route"))),
          referring_office TEXT,
          letter_number TEXT,
          letter_date TEXT CHECK (letter_date IS NULL OR letter_date \(date)),
          category TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 40),
          consent_on TEXT NOT NULL CHECK (consent_on \(date)),
          birth_date TEXT CHECK (birth_date IS NULL OR birth_date \(date)),
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL,
          -- A referral names who referred her and the letter.
          CHECK (route <> 'referral' OR (referring_office IS NOT NULL AND letter_number IS NOT NULL))
        ) STRICT
        """,
        """
        CREATE TABLE case_stage (
          id INTEGER PRIMARY KEY,
          enrolment_id INTEGER NOT NULL REFERENCES enrolment(id),
          stage TEXT NOT NULL CHECK (length(stage) BETWEEN 1 AND 40),
          on_date TEXT NOT NULL CHECK (on_date \(date)),
          closes INTEGER NOT NULL CHECK (closes IN (0, 1)),
          reason_code TEXT CHECK (reason_code IS NULL OR \(RegistrySQL.oneOf(ExitReason.allCases.map(\.rawValue), column: "reason_code"))),
          reason TEXT,
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL,
          -- A closing stage has its reason; no other stage has one.
          CHECK ((closes = 1) = (reason_code IS NOT NULL)),
          CHECK (reason IS NULL OR reason_code = 'other')
        ) STRICT
        """,
        "CREATE INDEX case_stage_enrolment ON case_stage(enrolment_id, id)",
        """
        CREATE TRIGGER case_stage_after_closing BEFORE INSERT ON case_stage
        WHEN EXISTS (SELECT 1 FROM case_stage WHERE enrolment_id = NEW.enrolment_id AND closes = 1)
        BEGIN SELECT RAISE(ABORT, 'the case is closed: no stage is recorded after its closing'); END
        """,
        // Why she returned (a "returned" outcome's reasons) or what kept her from it (a "not
        // returned" outcome's protective factors).
        """
        CREATE TABLE outcome_factor (
          outcome_id INTEGER NOT NULL REFERENCES outcome(id),
          kind TEXT NOT NULL CHECK (kind IN ('reason', 'protective')),
          code TEXT NOT NULL CHECK ((kind = 'reason' AND (\(RegistrySQL.oneOf(ReturnReason.allCases.map(\.rawValue), column: "code"))))
                                    OR (kind = 'protective' AND (\(RegistrySQL.oneOf(ProtectiveFactor.allCases.map(\.rawValue), column: "code"))))),
          text TEXT CHECK (text IS NULL OR code = 'other'),
          PRIMARY KEY (outcome_id, kind, code)
        ) STRICT
        """,
        """
        CREATE TRIGGER outcome_factor_fits BEFORE INSERT ON outcome_factor
        WHEN (SELECT returned FROM outcome WHERE id = NEW.outcome_id) <> CASE NEW.kind WHEN 'reason' THEN 'yes' ELSE 'no' END
        BEGIN SELECT RAISE(ABORT, 'a reason belongs to a returned outcome, a protective factor to a not-returned one'); END
        """,
        // Needs, from voiced to answered.
        """
        CREATE TABLE need (
          id INTEGER PRIMARY KEY,
          beneficiary_id INTEGER REFERENCES beneficiary(id),
          kelompok_id INTEGER REFERENCES kelompok(id),
          kind TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(NeedKind.allCases.map(\.rawValue), column: "kind"))),
          note TEXT CHECK (note IS NULL OR length(note) <= 200),
          opened_on TEXT NOT NULL CHECK (opened_on \(date)),
          visit_id INTEGER REFERENCES visit(id),
          worker_id INTEGER REFERENCES worker(id),
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL,
          CHECK ((beneficiary_id IS NULL) <> (kelompok_id IS NULL))
        ) STRICT
        """,
        "CREATE INDEX need_beneficiary ON need(beneficiary_id)",
        "CREATE INDEX need_kelompok ON need(kelompok_id)",
        """
        CREATE TABLE need_answer (
          need_id INTEGER PRIMARY KEY REFERENCES need(id),
          closed_on TEXT NOT NULL CHECK (closed_on \(date)),
          support TEXT CHECK (support IS NULL OR \(RegistrySQL.oneOf(SupportKind.allCases.map(\.rawValue), column: "support"))),
          note TEXT CHECK (note IS NULL OR length(note) <= 200),
          visit_id INTEGER REFERENCES visit(id),
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        ) STRICT
        """,
        """
        CREATE TRIGGER need_answer_after_voiced BEFORE INSERT ON need_answer
        WHEN NEW.closed_on < (SELECT opened_on FROM need WHERE id = NEW.need_id)
        BEGIN SELECT RAISE(ABORT, 'a need is answered on or after the day it was voiced'); END
        """,
        // Her consents, given and withdrawn.
        """
        CREATE TABLE consent_event (
          id INTEGER PRIMARY KEY,
          beneficiary_id INTEGER NOT NULL REFERENCES beneficiary(id),
          kind TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(ConsentKind.allCases.map(\.rawValue), column: "kind"))),
          given INTEGER NOT NULL CHECK (given IN (0, 1)),
          on_date TEXT NOT NULL CHECK (on_date \(date)),
          name TEXT CHECK (name IS NULL OR (kind = 'show_name' AND given = 1)),
          service TEXT CHECK ((kind = 'referral') = (service IS NOT NULL)),
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL,
          CHECK (kind <> 'show_name' OR given = 0 OR name IS NOT NULL)
        ) STRICT
        """,
        "CREATE INDEX consent_event_beneficiary ON consent_event(beneficiary_id, id)",
        // The register of service partners, and her referrals to them.
        """
        CREATE TABLE service_partner (
          id INTEGER PRIMARY KEY,
          code TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL CHECK (length(trim(name)) > 0),
          kind TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(PartnerKind.allCases.map(\.rawValue), column: "kind")))
        ) STRICT
        """,
        """
        CREATE TABLE referral (
          id INTEGER PRIMARY KEY,
          beneficiary_id INTEGER NOT NULL REFERENCES beneficiary(id),
          partner_id INTEGER NOT NULL REFERENCES service_partner(id),
          service TEXT NOT NULL CHECK (length(service) BETWEEN 1 AND 200)
        ) STRICT
        """,
        "CREATE INDEX referral_beneficiary ON referral(beneficiary_id)",
        """
        CREATE TABLE referral_step (
          referral_id INTEGER NOT NULL REFERENCES referral(id),
          number INTEGER NOT NULL CHECK (number > 0),
          status TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(ReferralStatus.allCases.map(\.rawValue), column: "status"))),
          on_date TEXT NOT NULL CHECK (on_date \(date)),
          note TEXT CHECK (note IS NULL OR length(note) <= 200),
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL,
          PRIMARY KEY (referral_id, number),
          CHECK ((number = 1) = (status = 'sent'))
        ) STRICT
        """,
    ] + ["intake", "case_stage", "outcome_factor", "need", "need_answer", "consent_event", "service_partner", "referral",
         "referral_step"].flatMap { table in
        ["UPDATE", "DELETE"].map { action in
            """
            CREATE TRIGGER \(table)_no_\(action.lowercased()) BEFORE \(action) ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(table) is append-only: record a new one (her history stays)'); END
            """
        }
    }
}
