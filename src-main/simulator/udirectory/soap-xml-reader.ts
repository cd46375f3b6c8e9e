/**
 * A small, strict reader for the XML a SOAP 1.1 client sends: elements, attributes, text,
 * CDATA, comments, the five predefined entities and character references. Anything else a
 * SOAP message must not hold — a DOCTYPE (and so no entity definitions to expand), processing
 * instructions after the declaration, unknown entities — is refused, as are trees deeper or
 * larger than the limits. Written here rather than borrowed so that the simulator and the
 * console's adapter (which uses fast-xml-parser) are two independent readings of the wire.
 */

export interface XmlElement {
  /** The name as written, prefix included ("s:Envelope"). */
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  /** The element's own text (children's text not included), entities resolved. */
  text: string;
  readonly parent: XmlElement | null;
}

/** Input that is not well-formed XML, or is XML a SOAP message must not be; `offset` is where reading stopped. */
export class XmlReadError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} (at character ${offset})`);
    this.name = 'XmlReadError';
  }
}

export const XML_LIMITS = { depth: 32, elements: 50_000, attributesPerElement: 32 } as const;

const NAME = /[A-Za-z_\u00C0-\uFFEF][\w.\-\u00B7\u00C0-\uFFEF]*(?::[A-Za-z_\u00C0-\uFFEF][\w.\-\u00B7\u00C0-\uFFEF]*)?/y;
const SPACE = /[ \t\r\n]*/y;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Reads a whole document; throws XmlReadError for anything outside the subset above. */
export function readXml(input: string): XmlElement {
  return new Reader(input).document();
}

class Reader {
  private at = 0;
  private elements = 0;

  constructor(private readonly s: string) {}

  document(): XmlElement {
    if (this.s.startsWith('\uFEFF')) this.at = 1;
    if (this.s.startsWith('<?xml', this.at) && /[\s?]/.test(this.s[this.at + 5] ?? '')) this.declaration();
    this.misc();
    if (this.s[this.at] !== '<') this.fail('expected the root element');
    const root = this.element(null, 1);
    this.misc();
    if (this.at < this.s.length) this.fail('content after the root element');
    return root;
  }

  /** Whitespace and comments between top-level constructs. */
  private misc(): void {
    for (;;) {
      this.space();
      if (this.s.startsWith('<!--', this.at)) this.comment();
      else if (this.s.startsWith('<!DOCTYPE', this.at)) this.fail('a DOCTYPE is not allowed in a SOAP message');
      else if (this.s.startsWith('<?', this.at)) this.fail('processing instructions are not allowed in a SOAP message');
      else return;
    }
  }

  private declaration(): void {
    const end = this.s.indexOf('?>', this.at);
    if (end < 0) this.fail('unterminated XML declaration');
    const body = this.s.slice(this.at + 5, end);
    const encoding = /encoding\s*=\s*["']([^"']*)["']/.exec(body)?.[1];
    if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) this.fail(`encoding "${encoding}" is not UTF-8`);
    this.at = end + 2;
  }

  private element(parent: XmlElement | null, depth: number): XmlElement {
    if (depth > XML_LIMITS.depth) this.fail(`elements nested deeper than ${XML_LIMITS.depth}`);
    if (++this.elements > XML_LIMITS.elements) this.fail(`more than ${XML_LIMITS.elements} elements`);
    this.at++; // '<'
    const name = this.name('element name');
    const attributes = new Map<string, string>();
    for (;;) {
      const before = this.at;
      this.space();
      const c = this.s[this.at];
      if (c === '>' || c === '/') break;
      if (this.at === before) this.fail('expected whitespace before an attribute');
      const attribute = this.name('attribute name');
      this.space();
      if (this.s[this.at] !== '=') this.fail(`expected "=" after attribute ${attribute}`);
      this.at++;
      this.space();
      if (attributes.has(attribute)) this.fail(`attribute ${attribute} given twice`);
      attributes.set(attribute, this.attributeValue());
      if (attributes.size > XML_LIMITS.attributesPerElement) this.fail(`more than ${XML_LIMITS.attributesPerElement} attributes`);
    }
    const colon = name.indexOf(':');
    const element: XmlElement = {
      name,
      prefix: colon < 0 ? '' : name.slice(0, colon),
      local: colon < 0 ? name : name.slice(colon + 1),
      attributes,
      children: [],
      text: '',
      parent,
    };
    if (this.s.startsWith('/>', this.at)) {
      this.at += 2;
      return element;
    }
    this.at++; // '>'
    this.content(element, depth);
    return element;
  }

  private content(element: XmlElement, depth: number): void {
    const text: string[] = [];
    for (;;) {
      const lt = this.s.indexOf('<', this.at);
      if (lt < 0) this.fail(`element ${element.name} is not closed`);
      text.push(this.characters(this.s.slice(this.at, lt), this.at));
      this.at = lt;
      if (this.s.startsWith('</', this.at)) {
        this.at += 2;
        const name = this.name('end tag name');
        if (name !== element.name) this.fail(`end tag </${name}> does not close <${element.name}>`);
        this.space();
        if (this.s[this.at] !== '>') this.fail(`expected ">" after </${name}`);
        this.at++;
        element.text = text.join('');
        return;
      }
      if (this.s.startsWith('<!--', this.at)) this.comment();
      else if (this.s.startsWith('<![CDATA[', this.at)) {
        const end = this.s.indexOf(']]>', this.at + 9);
        if (end < 0) this.fail('unterminated CDATA section');
        text.push(this.s.slice(this.at + 9, end));
        this.at = end + 3;
      } else if (this.s.startsWith('<!', this.at) || this.s.startsWith('<?', this.at)) this.fail('declarations and processing instructions are not allowed inside elements');
      else element.children.push(this.element(element, depth + 1));
    }
  }

  private attributeValue(): string {
    const quote = this.s[this.at];
    if (quote !== '"' && quote !== "'") this.fail('attribute values must be quoted');
    const end = this.s.indexOf(quote, this.at + 1);
    if (end < 0) this.fail('unterminated attribute value');
    const raw = this.s.slice(this.at + 1, end);
    if (raw.includes('<')) this.fail('"<" inside an attribute value');
    const value = this.characters(raw, this.at + 1);
    this.at = end + 1;
    return value;
  }

  /** Character data with references resolved; refuses "&" that starts no known reference and "]]>". */
  private characters(raw: string, offset: number): string {
    if (raw.includes(']]>')) this.fail('"]]>" in character data', offset + raw.indexOf(']]>'));
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s<]{0,10});?/g, (match, ref: string, index: number) => {
      if (!match.endsWith(';')) this.fail('"&" that starts no reference (write &amp;)', offset + index);
      const predefined = PREDEFINED[ref];
      if (predefined !== undefined) return predefined;
      const code = /^#x[0-9A-Fa-f]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]{1,7}$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
      if (!isXmlChar(code)) this.fail(`unknown entity or bad character reference &${ref};`, offset + index);
      return String.fromCodePoint(code);
    });
  }

  private comment(): void {
    const end = this.s.indexOf('-->', this.at + 4);
    if (end < 0) this.fail('unterminated comment');
    this.at = end + 3;
  }

  private name(what: string): string {
    NAME.lastIndex = this.at;
    const match = NAME.exec(this.s);
    if (!match) this.fail(`expected ${what}`);
    this.at += match[0].length;
    return match[0];
  }

  private space(): void {
    SPACE.lastIndex = this.at;
    SPACE.exec(this.s);
    this.at = SPACE.lastIndex;
  }

  private fail(reason: string, offset: number = this.at): never {
    throw new XmlReadError(reason, offset);
  }
}

function isXmlChar(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** The namespace URI `prefix` means at `element` ('' = the default namespace); null when undeclared. */
export function namespaceOf(element: XmlElement, prefix: string = element.prefix): string | null {
  const attribute = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
  for (let e: XmlElement | null = element; e; e = e.parent) {
    const uri = e.attributes.get(attribute);
    if (uri !== undefined) return uri;
  }
  return prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : null;
}

/** The first child called `local` (any prefix), or undefined. */
export function childNamed(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((c) => c.local === local);
}

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;'));
}
