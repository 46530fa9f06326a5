"""The generator's version: recorded in every manifest, shown by ``gen-models --version``."""

VERSION = "0.1.0"
