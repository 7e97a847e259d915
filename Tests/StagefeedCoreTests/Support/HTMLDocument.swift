import CLibXML2
import Foundation

/// A page parsed the way a browser would read it (libxml2's HTML parser), queried with
/// XPath, so tests assert on the document rather than on strings.
final class HTMLDocument {
    private let document: htmlDocPtr

    init(_ data: Data, name: String = "page.html") throws {
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let parsed = data.withUnsafeBytes { bytes in
            htmlReadMemory(
                bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), name, "UTF-8", options)
        }
        guard let parsed else { throw ParseError(name: name) }
        document = parsed
    }

    convenience init(file: URL) throws {
        try self.init(try Data(contentsOf: file), name: file.path)
    }

    deinit { xmlFreeDoc(document) }

    struct ParseError: Error { var name: String }

    /// The text content of each node (element or attribute) the XPath selects.
    func strings(_ xpath: String) -> [String] {
        nodes(xpath).map { node in
            guard let content = xmlNodeGetContent(node) else { return "" }
            defer { free(content) }
            return String(cString: content)
        }
    }

    /// The text of the first match, whitespace collapsed.
    func text(_ xpath: String) -> String? {
        strings(xpath).first.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    }

    func count(_ xpath: String) -> Int { nodes(xpath).count }

    /// The element names (`h2`) of each node the XPath selects, in document order.
    func elementNames(_ xpath: String) -> [String] {
        nodes(xpath).compactMap { node in node.pointee.name.map { String(cString: $0) } }
    }

    /// Names of every attribute in the document (for checks such as "no event handlers").
    var attributeNames: [String] {
        nodes("//@*").compactMap { node in node.pointee.name.map { String(cString: $0) } }
    }

    private func nodes(_ xpath: String) -> [xmlNodePtr] {
        guard let context = xmlXPathNewContext(document) else { return [] }
        defer { xmlXPathFreeContext(context) }
        let result = Array(xpath.utf8CString).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt8.self) { xmlXPathEvalExpression($0.baseAddress, context) }
        }
        guard let result else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0 else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { set.pointee.nodeTab[$0] }
    }
}
