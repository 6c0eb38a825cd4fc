"""Lint configuration: rule levels, disabled rules, rule options and excluded paths.

Read from the nearest ``.relecloud.toml`` (table ``[validate]``) or ``pyproject.toml`` with a
``[tool.relecloud.validate]`` table, searching from the working directory upwards, or from ``--config``::

    [tool.relecloud.validate]
    exclude = ["legacy/**", "**/*.generated.json"]   # globs, relative to the config file's folder
    fail-on = "warning"                                # error (default) | warning | info
    profile = "security-baseline"                      # raises posture rules to errors (lint/profiles.py)
    select = ["E", "W5"]                               # only these rules (IDs, names, ID prefixes)
    ignore = ["W2001"]                                 # never these

    [tool.relecloud.validate.rules]
    W2001 = "off"                                      # off | info | warning | error
    no-hardcoded-env-urls = "error"                    # IDs and kebab-case names both work
    api-version-recent = { level = "warning", reference-date = "2026-11-01", max-age-days = 730 }

A rule's level is decided in this order, the later winning: its default (the ID's letter, or off for the few
rules off by default), the profile, the configuration's ``rules`` table, then ``select``/``ignore`` (the command
line's ``--select``/``--ignore`` replace the configuration's). A malformed configuration is a usage error (exit 2)
that names the file and the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relecloud_templates.diagnostics import Severity
from relecloud_templates.fsutil import read_input_text
from relecloud_templates.lint.profiles import PROFILES, level_under
from relecloud_templates.lint.registry import find_rule, match_rules, rule_keys
from relecloud_templates.suggest import did_you_mean

if TYPE_CHECKING:
    from relecloud_templates.lint.rule import Rule

LEVELS = ("off", "info", "warning", "error")
SETTINGS = ["exclude", "fail-on", "profile", "select", "ignore", "rules", "docs-url"]
# Findings that say a file could not be checked at all: --select keeps them (a narrowed run must not report
# "no findings" on a file it never read); only naming them in ignore turns them off.
ALWAYS_SELECTED = frozenset({"E0001", "E0011"})


class ConfigError(ValueError):
    """The configuration file is malformed; the message names the file and the entry."""


@dataclass
class RuleSetting:
    level: Severity | None  # None: off
    options: dict[str, Any]
    level_given: bool = True  # False: the configuration set only options, the level comes from elsewhere


@dataclass
class LintConfig:
    source: Path | None = None  # the file it was read from
    root: Path = field(default_factory=Path.cwd)  # excludes are relative to this folder
    exclude: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.ERROR
    profile: str | None = None
    select: list[str] = field(default_factory=list)  # rule IDs, names or ID prefixes; empty: every rule
    ignore: list[str] = field(default_factory=list)
    rules: dict[str, RuleSetting] = field(default_factory=dict)  # by rule ID
    docs_url: str | None = None  # where the rule reference lives (SARIF helpUri); None: relecloud's own docs
    _settings: dict[str, RuleSetting] = field(default_factory=dict, repr=False, compare=False)

    def setting(self, rule: type[Rule]) -> RuleSetting:
        """The effective level and options of ``rule``: its default, the profile, the configured level and
        options, then select/ignore (see the module docstring)."""
        found = self._settings.get(rule.id)
        if found is None:
            found = self._settings[rule.id] = self._decide(rule)
        return found

    def _decide(self, rule: type[Rule]) -> RuleSetting:
        options = dict(rule.options)
        level = rule.default_level()
        decided, profile_level = level_under(rule, self.profile)
        if decided:
            level = profile_level
        configured = self.rules.get(rule.id)
        if configured is not None:
            options.update(configured.options)
            if configured.level_given:
                level = configured.level
            elif level is None:  # options for a rule that is off by default: the user wants it on
                level = rule.default_severity()
        if self.select:
            if rule.id in _matched(self.select):
                level = level or rule.default_severity()
            elif rule.id not in ALWAYS_SELECTED:
                level = None
        if rule.id in _matched(self.ignore):
            level = None
        return RuleSetting(level, options)

    def override(self, *, profile: str | None = None, select: list[str] | None = None,
                 ignore: list[str] | None = None) -> LintConfig:
        """This configuration with the command line's choices on top (they replace the file's)."""
        return LintConfig(source=self.source, root=self.root, exclude=self.exclude, fail_on=self.fail_on,
                          profile=profile if profile is not None else self.profile,
                          select=select if select else self.select, ignore=ignore if ignore else self.ignore,
                          rules=self.rules, docs_url=self.docs_url)

    def excluded(self, path: Path) -> bool:
        if not self.exclude:
            return False
        try:
            relative = path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            relative = path.as_posix()
        return any(_glob(pattern).match(relative) for pattern in self.exclude)


def _matched(keys: list[str]) -> set[str]:
    return {rule.id for key in keys for rule in match_rules(key)}


def check_rule_keys(keys: list[str], where: str) -> None:
    """Every entry of a select/ignore list names at least one rule; ConfigError otherwise."""
    for key in keys:
        if not match_rules(key):
            raise ConfigError(f"{where}: {key!r} names no rule (an ID, a name or an ID prefix such as W5); "
                              f"{did_you_mean(key, rule_keys())}")


def check_profile(name: str, where: str) -> str:
    if name not in PROFILES:
        raise ConfigError(f"{where}: unknown profile {name!r}; {did_you_mean(name, list(PROFILES))}")
    return name


def _glob(pattern: str) -> re.Pattern[str]:
    """A glob where ``*`` stays inside one folder, ``**`` crosses folders; a folder pattern matches its files."""
    out, i = [], 0
    pattern = pattern.strip().lstrip("./") if pattern.startswith("./") else pattern.strip()
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out).rstrip("/") + "(?:/.*)?$")


def find_config(start: Path) -> Path | None:
    """The nearest ``.relecloud.toml``, or ``pyproject.toml`` holding ``[tool.relecloud``, from ``start`` up."""
    for folder in [start, *start.parents]:
        candidate = folder / ".relecloud.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "[tool.relecloud" in read_input_text(pyproject):
                    return pyproject
            except (OSError, UnicodeDecodeError):
                continue
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> LintConfig:
    """The configuration at ``path``, or the nearest one from ``start`` (default: the working directory);
    the built-in defaults when there is none."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return LintConfig()
    import tomllib  # only when a config file exists: keeps start-up lean

    try:
        data = tomllib.loads(read_input_text(path))
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(f"{path}: cannot read the configuration: {reason}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if Path(path).name == "pyproject.toml":
        table = data.get("tool", {}).get("relecloud", {}).get("validate", {})
        prefix = "tool.relecloud.validate"
    else:
        table = data.get("validate", {})
        prefix = "validate"
    return parse_config(table, Path(path), prefix)


def parse_config(table: Any, source: Path | None, prefix: str = "validate") -> LintConfig:
    where = f"{source}: [{prefix}]" if source else f"[{prefix}]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table")
    config = LintConfig(source=source, root=source.parent if source else Path.cwd())
    for key, value in table.items():
        if key == "exclude":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where} exclude must be a list of glob strings")
            config.exclude = list(value)
        elif key == "fail-on":
            try:
                config.fail_on = Severity.parse(str(value))
            except ValueError as exc:
                raise ConfigError(f"{where} fail-on: {exc}") from None
        elif key == "profile":
            if not isinstance(value, str):
                raise ConfigError(f"{where} profile must be a string, one of: {', '.join(PROFILES)}")
            config.profile = check_profile(value, f"{where} profile")
        elif key in ("select", "ignore"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where} {key} must be a list of rule IDs, names or ID prefixes")
            check_rule_keys(value, f"{where} {key}")
            setattr(config, key, list(value))
        elif key == "docs-url":
            if not isinstance(value, str) or not value.startswith(("https://", "http://")):
                raise ConfigError(f"{where} docs-url must be an http(s) URL of the rule reference page")
            config.docs_url = value
        elif key == "rules":
            if not isinstance(value, dict):
                raise ConfigError(f"{where} rules must be a table")
            for rule_key, setting in value.items():
                rule = find_rule(rule_key)
                if rule is None:
                    raise ConfigError(f"{where} rules: unknown rule {rule_key!r}; "
                                      f"{did_you_mean(rule_key, rule_keys())}")
                config.rules[rule.id] = _rule_setting(rule, setting, f"{where} rules.{rule_key}")
        else:
            raise ConfigError(f"{where}: unknown setting {key!r}; {did_you_mean(key, SETTINGS)}")
    return config


def _level(value: Any, where: str) -> Severity | None:
    if not isinstance(value, str) or value.lower() not in LEVELS:
        raise ConfigError(f"{where}: level must be one of {', '.join(LEVELS)}, not {value!r}")
    return None if value.lower() == "off" else Severity.parse(value)


def _rule_setting(rule: type[Rule], setting: Any, where: str) -> RuleSetting:
    if isinstance(setting, str):
        return RuleSetting(_level(setting, where), {})
    if not isinstance(setting, dict):
        raise ConfigError(f"{where}: expected a level string or a table")
    level = _level(setting["level"], where) if "level" in setting else None
    options = {}
    for key, value in setting.items():
        if key == "level":
            continue
        if key not in rule.options:
            known = sorted(rule.options)
            hint = did_you_mean(key, known) if known else "this rule takes no options"
            raise ConfigError(f"{where}: unknown option {key!r}; {hint}")
        default = rule.options[key]
        if default is not None and type(value) is not type(default):
            raise ConfigError(f"{where}: option {key!r} must be of type {type(default).__name__}")
        options[key] = value
    return RuleSetting(level, options, level_given="level" in setting)

