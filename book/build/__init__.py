"""The build: the pipeline of stages, the build record, forked writes and the staging of outputs."""
