/// A parsed XML element: name, direct text and children — enough for S3's small response documents.
struct XMLTree: Sendable {
    var name: String
    var text: String
    var children: [XMLTree]

    /// The first child called `name`.
    func child(_ name: String) -> XMLTree? {
        children.first { $0.name == name }
    }

    /// Every child called `name`, in document order.
    func children(_ name: String) -> [XMLTree] {
        children.filter { $0.name == name }
    }

    /// The text of the first child called `name`.
    func text(of name: String) -> String? {
        child(name)?.text
    }

    /// Parses a whole document and returns its root element; nil when the bytes are not well-formed XML.
    static func parse(_ bytes: [UInt8]) -> XMLTree? {
        XMLReader.parse(bytes)
    }
}
