"""SKU → NetSuite item and HubSpot company/contact → NetSuite customer."""

from __future__ import annotations

from server.orders import matching
from server.orders.models import HsParty
from tests.orders.factories import make_company, make_customer, make_item, make_line


def test_sku_matches_name_number_case_insensitively_and_trimmed() -> None:
    [m] = matching.match_lines([make_line(sku="  widget-1 ")], [make_item()])
    assert m.state == "matched"
    assert m.item is not None
    assert m.item.id == "101"


def test_assembly_and_kit_items_match() -> None:
    items = [
        make_item(id="131", item_id="ASSEMBLY-100", type="Assembly"),
        make_item(id="141", item_id="KIT-1", type="Kit"),
    ]
    lines = [make_line(id="a", sku="ASSEMBLY-100"), make_line(id="k", sku="kit-1")]
    assert [m.item.id for m in matching.match_lines(lines, items) if m.item] == ["131", "141"]


def test_unknown_sku_is_unmatched_with_a_message_the_rep_can_act_on() -> None:
    [m] = matching.match_lines([make_line(sku="WIDGET-9")], [make_item()])
    assert m.state == "unmatched"
    assert m.item is None
    assert m.message == "SKU WIDGET-9 has no NetSuite item; choose the item or add it in NetSuite."


def test_two_active_items_with_one_sku_are_ambiguous_with_candidates() -> None:
    items = [make_item(id="117", item_id="DUP-SKU"), make_item(id="118", item_id="dup-sku")]
    [m] = matching.match_lines([make_line(sku="DUP-SKU")], items)
    assert m.state == "ambiguous"
    assert [c.id for c in m.candidates] == ["117", "118"]
    assert m.message is not None
    assert "matches 2 NetSuite items" in m.message


def test_an_inactive_twin_does_not_make_a_sku_ambiguous() -> None:
    items = [make_item(id="117", item_id="DUP"), make_item(id="118", item_id="DUP", inactive=True)]
    [m] = matching.match_lines([make_line(sku="DUP")], items)
    assert m.state == "matched"
    assert m.item is not None
    assert m.item.id == "117"


def test_only_inactive_or_unsellable_items_leave_the_line_unmatched() -> None:
    [inactive] = matching.match_lines([make_line(sku="OLD")], [make_item(item_id="OLD", inactive=True)])
    assert inactive.state == "unmatched"
    assert "inactive" in (inactive.message or "")
    [group] = matching.match_lines(
        [make_line(sku="G")], [make_item(item_id="G", type="Group", type_label="Item Group")]
    )
    assert group.state == "unmatched"
    assert "Item Group" in (group.message or "")


def test_a_line_without_sku_is_kept_as_no_sku() -> None:
    lines = [make_line(id="a", sku=None), make_line(id="b", sku="  "), make_line(id="c")]
    result = matching.match_lines(lines, [make_item()])
    assert [m.state for m in result] == ["no_sku", "no_sku", "matched"]
    assert len(result) == len(lines)  # never dropped


def test_choose_resolves_an_ambiguous_line() -> None:
    [m] = matching.match_lines(
        [make_line(sku="D")], [make_item(id="1", item_id="D"), make_item(id="2", item_id="D")]
    )
    chosen = matching.choose(m, m.candidates[1])
    assert chosen.state == "matched"
    assert chosen.item is not None
    assert chosen.item.id == "2"


def test_names_normalise_legal_suffixes_case_and_punctuation() -> None:
    assert matching.normalise_name("Acme Corp.") == matching.normalise_name("ACME Corporation") == "acme"
    assert matching.normalise_name("Tyrell Systems GmbH") == "tyrell systems"
    assert matching.normalise_name("Proseware, Inc.") == "proseware"
    assert matching.normalise_name("Inc") == "inc"  # a name that is only a suffix stays


def test_external_id_match_wins_over_everything() -> None:
    candidates = [
        make_customer(id="202", name="ACME Corporation", email="ap@acmecorp.example"),
        make_customer(id="201", name="Acme Corp", external_id="hubspot-company-9001"),
    ]
    s = matching.suggest_customer(make_company(), candidates, subsidiary_id="1")
    assert s is not None
    assert (s.best.customer.id, s.best.reason) == ("201", "external_id")
    assert "hubspot-company-9001" in s.best.explanation
    assert [(a.customer.id, a.reason) for a in s.alternatives] == [("202", "name")]


def test_contact_email_exact_match() -> None:
    contact = HsParty(kind="contact", id="7001", name="Jane Doe", email="Jane.Doe@gmail.example")
    s = matching.suggest_customer(
        contact, [make_customer(id="227", name="Jane Doe", email="jane.doe@gmail.example")]
    )
    assert s is not None
    assert s.best.reason == "email"
    assert s.best.explanation == "Same email as the deal's contact (jane.doe@gmail.example)"


def test_company_domain_matches_customer_email_domain() -> None:
    s = matching.suggest_customer(
        make_company(name="Something Else", domain="https://www.acme.example/about"),
        [make_customer(id="203", name="Acme Industries", email="purchasing@acme.example")],
    )
    assert s is not None
    assert s.best.reason == "email"
    assert s.best.explanation == "Same email domain as the deal's company (acme.example)"


def test_name_match_explains_itself() -> None:
    s = matching.suggest_customer(
        make_company(domain=None), [make_customer(id="202", name="ACME Corporation", email=None)]
    )
    assert s is not None
    assert s.best.reason == "name"
    assert s.best.explanation == "Same name as the deal's company (Acme Corp)"


def test_inactive_and_other_subsidiary_customers_are_not_suggested() -> None:
    candidates = [
        make_customer(id="226", inactive=True, external_id="hubspot-company-9001"),
        make_customer(id="203", subsidiary_id="4"),
    ]
    assert matching.suggest_customer(make_company(), candidates, subsidiary_id="1") is None


def test_no_party_and_no_match_mean_no_suggestion() -> None:
    assert matching.suggest_customer(None, [make_customer()]) is None
    assert (
        matching.suggest_customer(make_company(name="Zeta", domain="zeta.example"), [make_customer()]) is None
    )


def test_suggestion_json_has_reason_explanation_and_alternatives() -> None:
    s = matching.suggest_customer(make_company(domain=None), [make_customer()])
    assert s is not None
    assert s.to_json() == {
        "customerId": "201",
        "name": "Acme Corp",
        "reason": "name",
        "explanation": "Same name as the deal's company (Acme Corp)",
        "alternatives": [],
    }
