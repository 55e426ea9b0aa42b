"""cnht-analysis: is Hanoi's supporting-industry (CNHT) plan on track?

Heavy libraries (pandas, statsmodels, matplotlib) are imported by the modules that need them,
so `import cnht_analysis` stays cheap.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
