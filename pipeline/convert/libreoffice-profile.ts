/**
 * A throw-away LibreOffice user profile holding one Basic macro that converts a list of files.
 *
 * Why a macro instead of `soffice --convert-to`: one `--convert-to` applies one output format
 * to every file of an invocation, so spreadsheets and text documents would need two starts;
 * the macro picks the format per document after loading, so a whole batch of .xls, .et, .doc,
 * .wps, .rtf, .odt and .ods converts in ONE start. It also loads every file with macros never
 * executed and links never updated (files come from outside), and leaves a marker per file
 * (started / done with the import filter used / failed with LibreOffice's reason), so the
 * caller knows which file hung or crashed and can enforce a time limit per file.
 *
 * The registry entry ooSetupInstCompleted stops LibreOffice from treating the profile as new
 * and overwriting the macro library with its defaults on first start.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const MACRO_LIBRARY = 'Standard';
export const MACRO_MODULE = 'HuizongConvert';
export const MACRO_ENTRY = `macro:///${MACRO_LIBRARY}.${MACRO_MODULE}.ConvertList`;

/** StarBasic. Markers: <dst>.started, then <dst>.xlsx|.docx and <dst>.done (import filter) or <dst>.failed (reason). */
const BASIC_SOURCE = `
Sub Mark(path As String, text As String)
  Dim n As Integer
  n = FreeFile
  Open path For Output As #n
  Print #n, text
  Close #n
End Sub

Sub ConvertList(listUrl As String)
  Dim n As Integer, line As String, parts
  n = FreeFile
  Open ConvertFromURL(listUrl) For Input As #n
  Do While Not EOF(n)
    Line Input #n, line
    If Len(line) > 0 Then
      parts = Split(line, Chr(9))
      ConvertOne(parts(0), parts(1))
    End If
  Loop
  Close #n
  StarDesktop.terminate()
End Sub

Sub ConvertOne(src As String, dst As String)
  On Error GoTo Failed
  Dim doc As Object, used As String, ext As String, i As Integer, args
  Dim load(3) As New com.sun.star.beans.PropertyValue
  Dim store(0) As New com.sun.star.beans.PropertyValue
  Mark(ConvertFromURL(dst) & ".started", "")
  load(0).Name = "Hidden" : load(0).Value = True
  load(1).Name = "ReadOnly" : load(1).Value = True
  load(2).Name = "MacroExecutionMode" : load(2).Value = com.sun.star.document.MacroExecMode.NEVER_EXECUTE
  load(3).Name = "UpdateDocMode" : load(3).Value = com.sun.star.document.UpdateDocMode.NO_UPDATE
  doc = StarDesktop.loadComponentFromURL(src, "_blank", 0, load())
  If IsNull(doc) Then
    Mark(ConvertFromURL(dst) & ".failed", "not loaded")
    Exit Sub
  End If
  args = doc.getArgs()
  For i = LBound(args) To UBound(args)
    If args(i).Name = "FilterName" Then used = args(i).Value
  Next i
  store(0).Name = "FilterName"
  If doc.supportsService("com.sun.star.sheet.SpreadsheetDocument") Then
    store(0).Value = "Calc Office Open XML" : ext = ".xlsx"
  ElseIf doc.supportsService("com.sun.star.text.TextDocument") Then
    store(0).Value = "MS Word 2007 XML" : ext = ".docx"
  Else
    doc.close(True)
    Mark(ConvertFromURL(dst) & ".failed", "unsupported document type")
    Exit Sub
  End If
  doc.storeToURL(dst & ext, store())
  doc.close(True)
  Mark(ConvertFromURL(dst) & ".done", used)
  Exit Sub
Failed:
  Mark(ConvertFromURL(dst) & ".failed", Error$)
  On Error Resume Next
  If Not IsNull(doc) Then doc.close(True)
End Sub
`;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const DOCTYPE = (kind: string, dtd: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE ${kind} PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "${dtd}">\n`;

const libraries = (file: 'script' | 'dialog') =>
  `${DOCTYPE('library:libraries', 'libraries.dtd')}<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">\n <library:library library:name="${MACRO_LIBRARY}" xlink:href="$(USER)/basic/${MACRO_LIBRARY}/${file}.xlb/" xlink:type="simple" library:link="false"/>\n</library:libraries>\n`;

const library = (elements: string[]) =>
  `${DOCTYPE('library:library', 'library.dtd')}<library:library xmlns:library="http://openoffice.org/2000/library" library:name="${MACRO_LIBRARY}" library:readonly="false" library:passwordprotected="false">\n${elements.map((name) => ` <library:element library:name="${name}"/>\n`).join('')}</library:library>\n`;

const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Java/VirtualMachine"><prop oor:name="Enable" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
</oor:items>
`;

/** Writes the profile into `dir` (which must not be in use by another LibreOffice). */
export async function writeConversionProfile(dir: string): Promise<void> {
  const basic = join(dir, 'user', 'basic');
  await mkdir(join(basic, MACRO_LIBRARY), { recursive: true });
  await Promise.all([
    writeFile(join(dir, 'user', 'registrymodifications.xcu'), REGISTRY),
    writeFile(join(basic, 'script.xlc'), libraries('script')),
    writeFile(join(basic, 'dialog.xlc'), libraries('dialog')),
    writeFile(join(basic, MACRO_LIBRARY, 'script.xlb'), library([MACRO_MODULE])),
    writeFile(join(basic, MACRO_LIBRARY, 'dialog.xlb'), library([])),
    writeFile(
      join(basic, MACRO_LIBRARY, `${MACRO_MODULE}.xba`),
      `${DOCTYPE('script:module', 'module.dtd')}<script:module xmlns:script="http://openoffice.org/2000/script" script:name="${MACRO_MODULE}" script:language="StarBasic">${escapeXml(BASIC_SOURCE)}</script:module>\n`,
    ),
  ]);
}
