package dev.chiptrail.http;

/** One real server over the shared index of the shipped data, on a free port, for the read-only ITs. */
final class TestServer {
  private static ChiptrailServer server;

  private TestServer() {}

  static synchronized Api api() throws Exception {
    if (server == null) {
      server = ChiptrailServer.start(ServerConfig.local(TestIndex.shared(), TestIndex.DATA));
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return new Api(server.port());
  }
}
