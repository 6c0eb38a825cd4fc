"""Lint ARM templates, parameter files and manifests: the runner, configuration, suppressions, the rules
(``rules/<area>/<rule>.py``, discovered automatically) and the output formatters."""
