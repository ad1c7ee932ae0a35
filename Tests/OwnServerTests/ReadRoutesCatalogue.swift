/// The read routes, for the matrix: filled in as the read API grows.
enum ReadRoutesCatalogue {
    static let routes: [AuthMatrixTests.Route] = []
}
