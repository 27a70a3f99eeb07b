// The Recsys module; see DESIGN in README.
