"""The input wing: what each data file holds (`schema`) and the derive grammar (`derive`)."""
