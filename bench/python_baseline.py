"""The article-style Python handler's decision, translated mechanically from
a rolesel rules document: json.loads the event, read the authorizer claims,
walk the deny entries then the rules in order with fnmatch for paths and
roles (re for "re:" paths). It covers the generator's features (groups,
not_groups, all_groups, methods, paths, claims equals/in) - what a team
writes by hand before it reaches for an engine. It is the speed baseline for
bench/compare.py, not a conforming implementation (fnmatch's * crosses '/',
and nothing is normalized)."""
import fnmatch
import json
import re


def _paths(spec):
    if spec is None:
        return None
    out = []
    for p in spec if isinstance(spec, list) else [spec]:
        if p.startswith("re:"):
            out.append(re.compile(p[3:]))
        else:
            out.append(re.sub(r"\{[^}]+\}", "*", p).replace("**", "*"))
    return out


def compile_rules(doc):
    def entry(e):
        return {"groups": set(e.get("groups", [])), "not_groups": set(e.get("not_groups", [])),
                "all_groups": set(e.get("all_groups", [])),
                "methods": set(e["methods"]) if "methods" in e else None,
                "paths": _paths(e.get("path")), "claims": e.get("claims", {}),
                "role": e.get("role")}
    settings = doc.get("settings", {})
    return {"deny": [entry(e) for e in doc.get("deny", [])],
            "rules": [entry(e) for e in doc["rules"]],
            "allowed": settings.get("allowed_roles", ["*"]),
            "denied": settings.get("deny_roles", [])}


def _matches(e, method, path, groups, claims):
    if e["groups"] and not (e["groups"] & groups):
        return False
    if e["not_groups"] and (e["not_groups"] & groups):
        return False
    if e["all_groups"] and not e["all_groups"] <= groups:
        return False
    if e["methods"] is not None and method not in e["methods"] and "ANY" not in e["methods"]:
        return False
    if e["paths"] is not None:
        if not any(p.fullmatch(path) if hasattr(p, "fullmatch") else fnmatch.fnmatchcase(path, p)
                   for p in e["paths"]):
            return False
    for name, condition in e["claims"].items():
        value = claims.get(name)
        if "equals" in condition and value != condition["equals"]:
            return False
        if "in" in condition and value not in condition["in"]:
            return False
    return True


def decide(event_bytes, compiled):
    """The role to assume, or None for a deny."""
    event = json.loads(event_bytes)
    claims = event["requestContext"]["authorizer"]["claims"]
    groups = {g.strip() for g in claims.get("cognito:groups", "").split(",") if g.strip()}
    method, path = event["httpMethod"], event["path"]
    for e in compiled["deny"]:
        if _matches(e, method, path, groups, claims):
            return None
    for e in compiled["rules"]:
        if _matches(e, method, path, groups, claims):
            role = e["role"]
            if not any(fnmatch.fnmatchcase(role, p) for p in compiled["allowed"]):
                return None
            if any(fnmatch.fnmatchcase(role, p) for p in compiled["denied"]):
                return None
            return role
    return None
