// The Engine module; see DESIGN in README.
