"""The input wing: what each data file holds (`schema`), the derive grammar (`derive`), and the
checks of each file (`sources`, `regions`, `indicators`, `observations`, `targets`, `overrides`)
on the shared readers (`readers`), parsers and problem record (`common`) and state (`checks`).
`cnht_analysis.load` runs the checks in order."""
