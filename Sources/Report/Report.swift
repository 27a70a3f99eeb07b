// The Report module; see DESIGN in README.
