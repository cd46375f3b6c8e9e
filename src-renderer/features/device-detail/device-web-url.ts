/** The device's own web page (its embedded server on the standard port): "http://10.0.0.5/", "http://[fe80::1]/". */
export function deviceWebUrl(address: string): string {
  return `http://${address.includes(':') ? `[${address}]` : address}/`;
}
