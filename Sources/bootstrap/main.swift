import Foundation

// The Runtime API loop lands with the Lambda work (issue 4); until then the function refuses to start.
FileHandle.standardError.write(Data("bootstrap: the Lambda runtime loop is not built yet\n".utf8))
exit(1)
