package cli

import "github.com/spf13/cobra"

func newTopicExitCodes() *cobra.Command {
	return &cobra.Command{
		Use:   "exit-codes",
		Short: "What each exit status means",
		Long:  exitStatusHelp,
	}
}

func newTopicFormat() *cobra.Command {
	return &cobra.Command{
		Use:   "format",
		Short: "The description format in brief",
		Long: `A description is one YAML file (version 1) with these top-level keys:

  version              always 1
  extends              optional: a profile (kind: profile) to merge in
  agreement            cover data: date (required), title, reference, version,
                       supersedes, principal_agreement, paper (a4 | letter),
                       execution (signature | click-through: accepted by
                       entering into the principal agreement, which is then
                       required; no signature page)
  parties              at least two: id, name, address, country, contact,
                       signatory; optional region, registration, establishment,
                       dpo, representative, activities, dpf_certified, gdpr_art3_2,
                       trading_name (UK Addendum), uk_gdpr, swiss_fadp (true: its
                       exports are UK restricted transfers / subject to the
                       Swiss FADP; default: established in GB / CH)
  transfers            at least one: id, exporter, importer, roles,
                       subject_matter, duration, data_subjects, personal_data,
                       frequency, nature, purposes, retention; optional title
                       (the transfer's name in the agreement), module,
                       controllers (Module Three), sensitive_data,
                       subprocessing, tia {reference, date} (Clause 14(b))
  scc                  required when a transfer needs SCCs: governing_law,
                       courts; optional force, docking_clause, redress_body
                       (false, or {name, address, email, website}),
                       supervisory_authority
  dpa                  subprocessors {authorisation: general|specific,
                       notice_days, controller_decision_days (Module Three),
                       objection (terminate | alternative), deemed_acceptance
                       (false)}; optional preset (customer-friendly |
                       balanced | provider-friendly), breach_notice_hours
                       (48), deletion_days (30), audit {frequency, notice_days,
                       reports_first (false), remote (false), costs (each |
                       customer | provider)}, return {deemed_choice (none |
                       deletion | return), costs (unstated | provider |
                       customer)},
                       governing_law, courts, principal_liability_cap (false)
  uk_addendum          optional: the UK International Data Transfer Addendum
                       (ICO, B1.0), added after each addendum with a UK
                       exporter: include (true), ending (Table 4: both |
                       importer | exporter | neither; default both),
                       module4_combined (required for Module Four)
  swiss_supplement     optional: the supplement for transfers subject to the
                       Swiss FADP, added after each addendum with a Swiss
                       exporter: include (true), governing_law, courts (CH or
                       an EU Member State; default: Clauses 17 and 18(b))
  security_measures    Annex II: category, measures, optional transfers
  assistance_measures  Annex II: how the importer helps with requests
  subprocessors        Annex III: id, name, address, country, contact, activity;
                       optional locations, safeguard, dpf_certified, importer

A period in days is a number of calendar days, {calendar: N} or {working: N}.

Negotiation positions: dpa.preset sets all of audit, subprocessors.objection
and deemed_acceptance, breach_notice_hours, principal_liability_cap and return
at once; each of them given in the description wins over the preset. Every
value keeps the Article 28 minimum (audits including inspections; a right to
object under general authorisation; Customer's choice of deletion or return).
"dpa explain" shows the resolved positions and where each comes from.

The roles give the module: controller to controller Module One, controller to
processor Module Two, processor to processor Module Three, processor to
controller Module Four. An agreement whose transfers are all controller to
controller is a data transfer agreement: no dpa section (only governing_law,
courts and principal_liability_cap apply) and no subprocessors. Module Four's
governing_law and courts may name any country when no other module is used.

Profiles merge key by key; lists of items with an id merge on id.
Run "dpa schema" for the full JSON Schema and "dpa init" for a starter file.`,
	}
}
