// This target has no interface: its constructor (test_parallelism.c) runs when a test bundle loads.
