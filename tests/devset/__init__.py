"""The classifier's development set: documents written for evaluation, not for the demo.

Every category has at least four distinct STYLES (an EHR printout, a dictated letter, a clinic
template, another lab's layout, another payer's wording...), each rendered with varied synthetic
patients by several PDF producers, and a third of them degraded into fax-like scans. The
classifier is trained by ``train.py`` and evaluated leave-one-style-out, so a style is never
seen while it is tested. Nothing here is imported by the app at run time.
"""
