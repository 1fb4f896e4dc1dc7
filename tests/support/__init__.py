"""What the tests share: fakes, servers, documents and checks, one file per kind."""
