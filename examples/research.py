"""Reads a Firebreak research export with pandas: one row per decision.

    python3 examples/research.py firebreak-research.csv   # or firebreak-research.arrow (needs pyarrow)

Get the file with examples/research-export.ts (the `research:class` event);
docs/protocol.md, "Research export", is the data dictionary.
"""
import sys

import pandas as pd


def load(path: str) -> pd.DataFrame:
    if path.endswith(".arrow"):
        return pd.read_feather(path)  # the Arrow IPC file is Feather v2; needs pyarrow
    return pd.read_csv(path, dtype={"exercise": "string", "team": "string", "incident": "string", "procedures": "string"})


def main(path: str) -> None:
    decisions = load(path)
    print(f"{len(decisions)} decisions in {decisions['exercise'].nunique()} exercises "
          f"of {decisions['scenario'].nunique()} scenarios")

    # How proportionate each government was, per exercise.
    by_team = decisions.groupby(["exercise", "team"]).agg(
        decisions=("decision", "count"),
        mean_proportionality=("proportionality", "mean"),
        effective_share=("effective", "mean"),
        joint_share=("joint_size", lambda s: (s > 1).mean()),
    ).round(2)
    print(by_team.to_string())

    # Does the escalation level a decision was taken at go with its score?
    by_level = decisions.groupby("escalation_before")["proportionality"].agg(["count", "mean"]).round(1)
    print("\nproportionality by escalation level at the time:")
    print(by_level.to_string())

    overridden = int(decisions["overridden"].sum())
    print(f"\n{overridden} scores overridden by facilitators")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
