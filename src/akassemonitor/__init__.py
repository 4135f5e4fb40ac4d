"""akassemonitor: monthly monitoring of the trial "Mere ansvar til a-kasser"."""

__version__ = "0.1.0"
