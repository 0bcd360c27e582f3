"""Date formats per language (``FORMAT_MODULE_PATH``) and the one way dates are written for people.

English follows the GOV.UK style ("30 November 2026", "30 November 2026 at 12:36"), Lithuanian its
norm ("2026 m. lapkričio 30 d.", "2026 m. lapkričio 30 d. 12:36", the month in the genitive). Django's
admin and anything else that formats dates by locale reads the same modules.
"""
