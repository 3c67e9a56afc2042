"""The knowledge base that ships with rte-bot: clean, sourced, and complete where it must be."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml

from bot import kb
from bot.records import KnowledgeBase, SourceKind, Status
from tests.conftest import KB_DIR, shared_file

SEED_CLAIMS = [f"A{n}" for n in range(1, 29)] + ["C1", "C2"]
TAXONOMY_ROLES = [
    "rte",
    "ste",
    "project-manager",
    "program-manager",
    "scrum-master",
    "product-owner",
    "product-manager",
    "release-manager",
    "business-analyst",
    "agile-coach",
]
TAXONOMY_TOPICS = """definition scope schedule change-management risk dependencies budget quality
reporting events demos coaching release stakeholders continuous-improvement backlog team-size
background official-role servant-leadership impediments resources roadmap reporting-line""".split()
# Hosts that are never the page a user should be sent to (proxies, load balancers).
HIDDEN_HOSTS = ("netlify.app", "elb.amazonaws.com", "pedco.", "gsmarenas")


def test_kb_check_is_clean() -> None:
    errors = [p for p in kb.check(KB_DIR) if p.level is kb.Level.ERROR]
    assert errors == []


def test_every_claim_cites_a_resolvable_http_source(shipped_kb: KnowledgeBase) -> None:
    for claim in shipped_kb.claims:
        assert claim.citations, claim.id
        for citation in claim.all_citations():
            assert re.match(r"^https?://", citation.source.url), (claim.id, citation.source.id)


def test_users_never_see_proxy_hosts(shipped_kb: KnowledgeBase) -> None:
    for source in shipped_kb.sources:
        assert not any(host in source.url for host in HIDDEN_HOSTS), source.id


def test_primary_sources_send_users_to_their_publishers_pages(shipped_kb: KnowledgeBase) -> None:
    """Users are sent to the owner's own page, never to a copy of a book someone else put up."""
    hosts = {p.id: p.hosts for p in shipped_kb.publishers}
    off_host = []
    for source in shipped_kb.sources:
        if not source.primary or source.publisher_id is None:
            continue
        host = urlsplit(source.url).hostname or ""
        allowed = hosts.get(source.publisher_id, ())
        if not any(host == h or host.endswith("." + h) for h in allowed):
            off_host.append((source.id, source.url))
    assert off_host == []
    assert all(s.publisher_id for s in shipped_kb.sources if s.primary)


@pytest.mark.parametrize("seed", SEED_CLAIMS)
def test_seed_claim_is_recorded_with_its_verdict(shipped_kb: KnowledgeBase, seed: str) -> None:
    matches = [c for c in shipped_kb.claims if c.seed == seed]
    assert len(matches) == 1, f"seed claim {seed} must appear exactly once"
    claim = matches[0]
    assert claim.verdict in {"supported", "partly-supported", "contested", "wrong"}
    assert claim.claimed_by is not None
    assert claim.claimed_by.kind in (SourceKind.ARTICLE, SourceKind.COMMENT)
    if claim.status is not Status.ESTABLISHED:
        assert claim.evidence and claim.evidence.citations and claim.correction


def test_disputed_claims_keep_both_sides(shipped_kb: KnowledgeBase) -> None:
    for claim in shipped_kb.claims:
        if claim.disputed:
            assert claim.claimed_by and claim.evidence and claim.correction, claim.id
            assert claim.evidence.citations, claim.id


def test_size_and_coverage(shipped_kb: KnowledgeBase) -> None:
    assert len(shipped_kb.claims) >= 350
    for role in ("rte", "project-manager"):
        covered = {c.topic for c in shipped_kb.claims if c.role == role and not c.disputed}
        assert set(TAXONOMY_TOPICS) - covered == set(), role
    for role in TAXONOMY_ROLES:
        claims = [c for c in shipped_kb.claims if c.role == role]
        assert len({c.topic for c in claims}) >= 5, role
        assert any(c.topic == "definition" and c.roles == (role,) for c in claims), role


def test_roles_and_topics_follow_the_taxonomy(shipped_kb: KnowledgeBase) -> None:
    taxonomy = yaml.safe_load(shared_file("eval/taxonomy.yaml").read_text(encoding="utf-8"))
    assert set(taxonomy["roles"]) <= {r.id for r in shipped_kb.roles}
    assert set(taxonomy["topics"]) <= {t.id for t in shipped_kb.topics}


def test_roles_are_the_taxonomy_ten(shipped_kb: KnowledgeBase) -> None:
    # The same check without the optional taxonomy file: a fresh clone knows all ten roles.
    assert set(TAXONOMY_ROLES) <= {r.id for r in shipped_kb.roles}


def test_misnomers_from_the_article_are_known(shipped_kb: KnowledgeBase) -> None:
    phrases = {m.phrase for m in shipped_kb.role("rte").misnomers}
    assert {"release training engineer", "release & training engineer"} <= phrases
