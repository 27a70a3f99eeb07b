// The Notebook module; see DESIGN in README.
