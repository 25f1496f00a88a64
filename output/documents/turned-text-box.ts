/**
 * A text box anchored to the page whose text is turned a quarter clockwise, written as Word
 * writes one: a DrawingML shape (wps, vertical text: bodyPr vert="vert") for Word 2010 and later,
 * WPS and LibreOffice, with a VML fallback (v:shape with v:textbox style="layout-flow:vertical")
 * in mc:AlternateContent for Word 2007 and older WPS, which do not know wps and read the fallback.
 * Both carry the same paragraphs at the same place. Written as XML because docx (the library)
 * has no text box with vertical text.
 */

/** Where the box goes, in twips from the page's top-left corner; its paragraphs as WordprocessingML. */
export interface TurnedBox {
  x: number;
  y: number;
  /** Across the turned text (one line high). */
  width: number;
  /** Along the turned text. */
  height: number;
  /** The box's paragraphs (w:p elements). */
  content: string;
  /** The shape's name in Word's selection pane. */
  name: string;
}

/** Twips → EMU (English Metric Units, 635 per twip). */
const emu = (twips: number) => Math.round(twips * 635);

/** Twips → points, as VML writes lengths. */
const pt = (twips: number) => `${Number((twips / 20).toFixed(2))}pt`;

function drawingChoice(box: TurnedBox, id: number): string {
  const cx = emu(box.width);
  const cy = emu(box.height);
  const shape =
    `<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm>` +
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>' +
    `<wps:txbx><w:txbxContent>${box.content}</w:txbxContent></wps:txbx>` +
    '<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>';
  const anchor =
    `<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="${id}" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">` +
    '<wp:simplePos x="0" y="0"/>' +
    `<wp:positionH relativeFrom="page"><wp:posOffset>${emu(box.x)}</wp:posOffset></wp:positionH>` +
    `<wp:positionV relativeFrom="page"><wp:posOffset>${emu(box.y)}</wp:posOffset></wp:positionV>` +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>` +
    `<wp:docPr id="${id}" name="${box.name}"/><wp:cNvGraphicFramePr/>` +
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
    `<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">${shape}</a:graphicData></a:graphic></wp:anchor>`;
  return `<mc:Choice Requires="wps"><w:drawing>${anchor}</w:drawing></mc:Choice>`;
}

/** The VML text box shape type (o:spt 202), declared once in the part that uses it. */
const TEXT_BOX_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function vmlFallback(box: TurnedBox, id: number): string {
  const style = [
    'position:absolute',
    `margin-left:${pt(box.x)}`,
    `margin-top:${pt(box.y)}`,
    `width:${pt(box.width)}`,
    `height:${pt(box.height)}`,
    `z-index:${id}`,
    'mso-position-horizontal-relative:page',
    'mso-position-vertical-relative:page',
  ].join(';');
  return (
    `<mc:Fallback><w:pict>${TEXT_BOX_TYPE}` +
    `<v:shape id="${box.name}" o:spid="_x0000_s${id}" type="#_x0000_t202" style="${style}" o:allowincell="f" filled="f" stroked="f">` +
    `<v:textbox style="layout-flow:vertical" inset="0,0,0,0"><w:txbxContent>${box.content}</w:txbxContent></v:textbox>` +
    '<w10:wrap anchorx="page" anchory="page"/><w10:anchorlock/></v:shape></w:pict></mc:Fallback>'
  );
}

/**
 * The paragraph holding the box, for a header or footer part whose root declares the wps, wp, v,
 * o, w10 and mc namespaces (docx's parts do). `id` must be unique among the document's drawings
 * (Word refuses duplicate wp:docPr ids); it also numbers the VML shape. The paragraph itself is
 * one point high, so the header or footer takes no room.
 */
export function turnedTextBoxXml(box: TurnedBox, id: number): string {
  return (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr>' +
    `<w:r><mc:AlternateContent>${drawingChoice(box, id)}${vmlFallback(box, id)}</mc:AlternateContent></w:r></w:p>`
  );
}
