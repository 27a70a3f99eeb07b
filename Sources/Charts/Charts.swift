// The Charts module; see DESIGN in README.
