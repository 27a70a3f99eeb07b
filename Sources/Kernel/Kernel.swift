// The Kernel module; see DESIGN in README.
