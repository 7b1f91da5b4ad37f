"""Renderers turn ``CheckResult``s into what a person or a program reads.

Each takes results and a language and returns a string; none of them decides anything.
"""
