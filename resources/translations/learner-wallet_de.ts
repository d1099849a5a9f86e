<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BackupActions</name>
    <message>
        <location filename="../../wallet/ui/backup_actions.py" line="+43"/>
        <location line="+15"/>
        <source>Backup passphrase</source>
        <translation>Passphrase der Sicherung</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Choose a passphrase for this backup. Without it the backup cannot be restored: nobody can recover it for you.</source>
        <translation>Wählen Sie eine Passphrase für diese Sicherung. Ohne sie lässt sich die Sicherung nicht wiederherstellen: Niemand kann sie für Sie zurückholen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The passphrase this backup was made with.</source>
        <translation>Die Passphrase, mit der diese Sicherung erstellt wurde.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backup passphrase again</source>
        <translation>Passphrase der Sicherung wiederholen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Again:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Problem with the passphrase</source>
        <translation>Problem mit der Passphrase</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Type a passphrase.</source>
        <translation>Geben Sie eine Passphrase ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two passphrases differ.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Back up wallet</source>
        <translation>Wallet sichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learner Wallet backups (*.lwbackup)</source>
        <translation>Learner-Wallet-Sicherungen (*.lwbackup)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learner Wallet backups (*.lwbackup);;All files (*)</source>
        <translation>Learner-Wallet-Sicherungen (*.lwbackup);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../wallet/ui/menus.py" line="+187"/>
        <source>&amp;Back Up Wallet…</source>
        <translation>Wallet si&amp;chern…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save everything in this wallet into one encrypted backup file</source>
        <translation>Alles in dieser Wallet in einer verschlüsselten Sicherungsdatei speichern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Restore from Backup…</source>
        <translation>Aus Sicherung &amp;wiederherstellen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add everything in a backup file to this wallet (nothing is duplicated)</source>
        <translation>Alles aus einer Sicherungsdatei in diese Wallet übernehmen (nichts wird doppelt angelegt)</translation>
    </message>
    <message>
        <location filename="../../wallet/ui/backup_actions.py" line="+48"/>
        <source>Writing the backup…</source>
        <translation>Sicherung wird geschrieben…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backed up 1 credential into {path}. Keep the passphrase safe: without it the backup cannot be restored.</source>
        <translation>1 Nachweis in {path} gesichert. Bewahren Sie die Passphrase sicher auf: Ohne sie lässt sich die Sicherung nicht wiederherstellen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Backed up {n} credentials into {path}. Keep the passphrase safe: without it the backup cannot be restored.</source>
        <translation>{n} Nachweise in {path} gesichert. Bewahren Sie die Passphrase sicher auf: Ohne sie lässt sich die Sicherung nicht wiederherstellen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Restored from {path}: {summary}.</source>
        <translation>Aus {path} wiederhergestellt: {summary}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restoring…</source>
        <translation>Wird wiederhergestellt…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Trust the backup&apos;s issuers?</source>
        <translation>Den Ausstellern der Sicherung vertrauen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup trusted issuers that your wallet does not trust:

{issuers}

Trust them too? Say yes only if you recognise every one: a trusted issuer&apos;s credentials count as verified and toward your stacks.</source>
        <translation>Die Sicherung vertraute Ausstellern, denen Ihre Wallet nicht vertraut:

{issuers}

Ihnen ebenfalls vertrauen? Antworten Sie nur mit Ja, wenn Sie jeden davon kennen: Die Nachweise eines vertrauenswürdigen Ausstellers gelten als geprüft und zählen für Ihre Stapel.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Subscribe to the backup&apos;s issuer registries?</source>
        <translation>Die Ausstellerverzeichnisse der Sicherung abonnieren?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup subscribed to issuer registries that your wallet does not:

{registries}

Subscribe to them too? Say yes only if you recognise every one: the credentials of the issuers a registry lists count as verified and toward your stacks. Each registry is added with the copy the backup keeps of it: nothing is fetched until you press Refresh in Settings.</source>
        <translation>Die Sicherung hatte Ausstellerverzeichnisse abonniert, die Ihre Wallet nicht abonniert:

{registries}

Sie ebenfalls abonnieren? Antworten Sie nur mit Ja, wenn Sie jedes davon kennen: Die Nachweise der Aussteller, die ein Verzeichnis aufführt, gelten als geprüft und zählen für Ihre Stapel. Jedes Verzeichnis wird mit der Kopie hinzugefügt, die die Sicherung davon enthält: Nichts wird geladen, bis Sie in den Einstellungen auf „Aktualisieren“ klicken.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Trust the backup&apos;s issuers and registries?</source>
        <translation>Den Ausstellern und Verzeichnissen der Sicherung vertrauen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup trusted issuers and subscribed to issuer registries that your wallet does not:

Issuers:
{issuers}

Issuer registries:
{registries}

Add them all? Say yes only if you recognise every one: the credentials of a trusted issuer, and of the issuers a registry lists, count as verified and toward your stacks. Each registry is added with the copy the backup keeps of it: nothing is fetched until you press Refresh in Settings.</source>
        <translation>Die Sicherung vertraute Ausstellern und hatte Ausstellerverzeichnisse abonniert, die Ihre Wallet nicht hat:

Aussteller:
{issuers}

Ausstellerverzeichnisse:
{registries}

Alle hinzufügen? Antworten Sie nur mit Ja, wenn Sie jeden und jedes davon kennen: Die Nachweise eines vertrauenswürdigen Ausstellers und der Aussteller, die ein Verzeichnis aufführt, gelten als geprüft und zählen für Ihre Stapel. Jedes Verzeichnis wird mit der Kopie hinzugefügt, die die Sicherung davon enthält: Nichts wird geladen, bis Sie in den Einstellungen auf „Aktualisieren“ klicken.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>the log could not be written: {why}</source>
        <translation>das Protokoll konnte nicht geschrieben werden: {why}</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+42"/>
        <location line="+10"/>
        <source>Learner Wallet</source>
        <translation>Learner Wallet</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>{problem} Log: {log}</source>
        <translation>{problem} Protokoll: {log}</translation>
    </message>
</context>
<context>
    <name>CardView</name>
    <message>
        <location filename="../../wallet/ui/card_view.py" line="+163"/>
        <source>Credential cards</source>
        <translation>Nachweiskarten</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../../wallet/ui/lock.py" line="+226"/>
        <location line="+22"/>
        <source>Change passphrase</source>
        <translation>Passphrase ändern</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>The new passphrase re-encrypts the whole wallet file. Afterwards only the new passphrase opens it; a forgotten passphrase cannot be recovered.</source>
        <translation>Die neue Passphrase verschlüsselt die ganze Wallet-Datei neu. Danach öffnet nur noch die neue Passphrase sie; eine vergessene Passphrase lässt sich nicht wiederherstellen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Current passphrase</source>
        <translation>Aktuelle Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase</source>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat new passphrase</source>
        <translation>Neue Passphrase wiederholen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Current passphrase:</source>
        <translation>&amp;Aktuelle Passphrase:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Neue Passphrase:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Repeat new passphrase:</source>
        <translation>Neue Passphrase &amp;wiederholen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error message</source>
        <translation>Fehlermeldung</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Enter the current passphrase and a new one.</source>
        <translation>Geben Sie die aktuelle und eine neue Passphrase ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two new passphrases do not match. Type them again.</source>
        <translation>Die beiden neuen Passphrasen stimmen nicht überein. Bitte erneut eingeben.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The new passphrase is the same as the current one.</source>
        <translation>Die neue Passphrase ist dieselbe wie die aktuelle.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The current passphrase is not right.</source>
        <translation>Die aktuelle Passphrase ist nicht richtig.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The passphrase could not be changed ({reason}). The old one still opens the wallet.</source>
        <translation>Die Passphrase konnte nicht geändert werden ({reason}). Die alte öffnet die Wallet weiterhin.</translation>
    </message>
</context>
<context>
    <name>CredentialListModel</name>
    <message>
        <location filename="../../wallet/ui/models.py" line="+220"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credits · level</source>
        <translation>Credits · Niveau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location line="+431"/>
        <source>{title} (inside a bundle)</source>
        <translation>{title} (in einem Bündel)</translation>
    </message>
</context>
<context>
    <name>CredentialPicker</name>
    <message>
        <location filename="../../wallet/ui/share_dialog.py" line="+167"/>
        <source>What to show of {title}</source>
        <translation>Was von {title} gezeigt wird</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>How this credential can be shared</source>
        <translation>Wie dieser Nachweis geteilt werden kann</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Fields of {title} to show</source>
        <translation>Zu zeigende Felder von {title}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{label} (identifies you)</source>
        <translation>{label} (identifiziert Sie)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Always shown: the issuer requires it</source>
        <translation>Wird immer gezeigt: Der Aussteller verlangt es</translation>
    </message>
    <message>
        <location line="+74"/>
        <location line="+15"/>
        <source>your identifier ({id})</source>
        <translation>Ihre Kennung ({id})</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <location filename="../../wallet/ui/detail_view.py" line="+246"/>
        <location filename="../../wallet/ui/main_window.py" line="+1202"/>
        <source>Credential details</source>
        <translation>Details des Nachweises</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+255"/>
        <location filename="../../wallet/ui/main_window.py" line="-964"/>
        <source>Select a credential to see its details.</source>
        <translation>Wählen Sie einen Nachweis aus, um die Details zu sehen.</translation>
    </message>
    <message>
        <location line="-256"/>
        <location filename="../../wallet/ui/main_window.py" line="+972"/>
        <source>No credential selected</source>
        <translation>Kein Nachweis ausgewählt</translation>
    </message>
    <message>
        <location filename="../../wallet/ui/models.py" line="-597"/>
        <source>Authentic · issuer not confirmed</source>
        <translation>Echt · Aussteller nicht bestätigt</translation>
    </message>
    <message>
        <location filename="../../wallet/ui/detail_view.py" line="-213"/>
        <source>Blockcerts (Merkle proof anchored in a blockchain)</source>
        <translation>Blockcerts (Merkle-Proof, in einer Blockchain verankert)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>kept private: the badge holds only a hash of the learner&apos;s e-mail or other identity</source>
        <translation>nicht offengelegt: Das Badge enthält nur einen Hash der E-Mail-Adresse oder einer anderen Kennung der lernenden Person</translation>
    </message>
    <message>
        <location line="+178"/>
        <source>Badge image</source>
        <translation>Badge-Bild</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Actions for this credential</source>
        <translation>Aktionen für diesen Nachweis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share…</source>
        <translation>Teilen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share this credential</source>
        <translation>Diesen Nachweis teilen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export this credential</source>
        <translation>Diesen Nachweis exportieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete this credential</source>
        <translation>Diesen Nachweis löschen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What the check found</source>
        <translation>Was die Prüfung ergab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you can do</source>
        <translation>Was Sie tun können</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trust this issuer…</source>
        <translation>Diesem Aussteller vertrauen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trust this issuer</source>
        <translation>Diesem Aussteller vertrauen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>See who the issuer is and how that is confirmed, then decide</source>
        <translation>Sehen Sie, wer der Aussteller ist und wie das bestätigt ist, und entscheiden Sie dann</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time of the last check</source>
        <translation>Zeitpunkt der letzten Prüfung</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+7"/>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Show or hide the technical checks</source>
        <translation>Die technischen Prüfungen zeigen oder ausblenden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Credentials in the bundle</source>
        <translation>Nachweise im Bündel</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Check now</source>
        <translation>Jetzt prüfen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check now, offline</source>
        <translation>Jetzt prüfen, offline</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verify with what the wallet holds; nothing is fetched</source>
        <translation>Mit dem prüfen, was die Wallet enthält; nichts wird abgerufen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Check online now</source>
        <translation>Jetzt online prüfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also fetch revocation lists and issuer keys</source>
        <translation>Auch Widerrufslisten und Schlüssel der Aussteller abrufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking</source>
        <translation>Prüfung läuft</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About the check</source>
        <translation>Über die Prüfung</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Achievement type</source>
        <translation>Art der Leistung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Criteria</source>
        <translation>Kriterien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning outcomes</source>
        <translation>Lernergebnisse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credits</source>
        <translation>Credits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assessment</source>
        <translation>Leistungsbewertung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participation</source>
        <translation>Teilnahme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quality assurance</source>
        <translation>Qualitätssicherung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grade</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entry requirements</source>
        <translation>Zugangsvoraussetzungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volume of learning</source>
        <translation>Lernumfang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alignments</source>
        <translation>Zuordnungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer id</source>
        <translation>Kennung des Ausstellers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer web site</source>
        <translation>Website des Ausstellers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer&apos;s country</source>
        <translation>Land des Ausstellers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awarded to</source>
        <translation>Verliehen an</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learner id</source>
        <translation>Kennung der lernenden Person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secured by</source>
        <translation>Gesichert durch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundle</source>
        <translation>Bündel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported from</source>
        <translation>Importiert aus</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>EU micro-credential elements</source>
        <translation>Elemente der EU-Microcredentials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EU elements summary</source>
        <translation>Zusammenfassung der EU-Elemente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>EU elements checklist</source>
        <translation>Checkliste der EU-Elemente</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your tags and collections</source>
        <translation>Ihre Schlagwörter und Sammlungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your tags, separated by commas</source>
        <translation>Ihre Schlagwörter, durch Kommas getrennt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add tags, separated by commas</source>
        <translation>Schlagwörter hinzufügen, durch Kommas getrennt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keywords from the issuer</source>
        <translation>Stichwörter des Ausstellers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Collections of this credential</source>
        <translation>Sammlungen dieses Nachweises</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Collections</source>
        <translation>Sammlungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add to or remove from collections</source>
        <translation>Zu Sammlungen hinzufügen oder daraus entfernen</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Keywords from the issuer: {tags}</source>
        <translation>Stichwörter des Ausstellers: {tags}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>In collections: {names}</source>
        <translation>In Sammlungen: {names}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not in any collection</source>
        <translation>In keiner Sammlung</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Carries {n} credential(s), listed under it</source>
        <translation>Enthält {n} Nachweis(e), darunter aufgeführt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part of a CLR bundle</source>
        <translation>Teil eines CLR-Bündels</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, baked into a {kind} image</source>
        <translation>, eingebettet in ein {kind}-Bild</translation>
    </message>
    <message>
        <location line="-478"/>
        <location line="+513"/>
        <source>Not checked yet</source>
        <translation>Noch nicht geprüft</translation>
    </message>
    <message>
        <location line="-606"/>
        <source>Hosted by the issuer (no signature)</source>
        <translation>Beim Aussteller gehostet (keine Signatur)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed (JWS)</source>
        <translation>Signiert (JWS)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed (Data Integrity proof)</source>
        <translation>Signiert (Data-Integrity-Nachweis)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed (JWT)</source>
        <translation>Signiert (JWT)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed, selective disclosure (SD-JWT)</source>
        <translation>Signiert, selektive Offenlegung (SD-JWT)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sealed (JAdES electronic seal)</source>
        <translation>Versiegelt (elektronisches JAdES-Siegel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not signed</source>
        <translation>Nicht signiert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer&apos;s key</source>
        <translation>Schlüssel des Ausstellers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holder binding</source>
        <translation>Inhaberbindung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dates</source>
        <translation>Gültigkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revocation</source>
        <translation>Widerruf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Badges 3.0 fields</source>
        <translation>Felder nach Open Badges 3.0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted issuer</source>
        <translation>Vertrauenswürdiger Aussteller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vocabulary</source>
        <translation>Vokabular</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verified</source>
        <translation>Verifiziert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authentic, with a warning</source>
        <translation>Echt, mit einer Warnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not be checked</source>
        <translation>Konnte nicht geprüft werden</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Checked {when}</source>
        <translation>Geprüft {when}</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+11"/>
        <source>Checked just now</source>
        <translation>Gerade eben geprüft</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All {total} elements: a micro-credential in the EU sense</source>
        <translation>Alle {total} Elemente: ein Microcredential im Sinne der EU</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} of {total}: a badge</source>
        <translation>{n} von {total}: ein Badge</translation>
    </message>
    <message>
        <location line="+486"/>
        <source>Press “Check now” to verify it.</source>
        <translation>Drücken Sie „Jetzt prüfen“, um ihn zu prüfen.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Credentials in the bundle: {parts}</source>
        <translation>Nachweise im Bündel: {parts}</translation>
    </message>
</context>
<context>
    <name>DropArea</name>
    <message>
        <location filename="../../wallet/ui/card_view.py" line="+54"/>
        <source>No credentials yet</source>
        <translation>Noch keine Nachweise</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your wallet is empty. Drop badge files here, or bring them in:</source>
        <translation>Ihre Wallet ist leer. Legen Sie Badge-Dateien hier ab oder holen Sie sie so herein:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Badge images (PNG, SVG), JSON and JWT files, and ZIP folders of them.</source>
        <translation>Badge-Bilder (PNG, SVG), JSON- und JWT-Dateien sowie ZIP-Archive davon.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What can be dropped</source>
        <translation>Was abgelegt werden kann</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../wallet/ui/export_dialog.py" line="+40"/>
        <source>Web page (HTML, opens offline in any browser)</source>
        <translation>Webseite (HTML, öffnet sich offline in jedem Browser)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web page (*.html)</source>
        <translation>Webseite (*.html)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF document</source>
        <translation>PDF-Dokument</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Presentation signed by you (JSON)</source>
        <translation>Von Ihnen signierte Präsentation (JSON)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CLR learner records, as the issuer signed them (folder)</source>
        <translation>CLR-Lernnachweise, wie vom Aussteller signiert (Ordner)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Badge images with the credential baked in (folder)</source>
        <translation>Badge-Bilder mit eingebettetem Nachweis (Ordner)</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+321"/>
        <location line="+6"/>
        <source>Export Portfolio</source>
        <translation>Portfolio exportieren</translation>
    </message>
    <message>
        <location line="-316"/>
        <source>Only what you choose here leaves the wallet. Each credential goes with its signed original, so whoever receives it can check it.</source>
        <translation>Nur was Sie hier auswählen, verlässt die Wallet. Jeder Nachweis geht mit seinem signierten Original hinaus, damit die Empfänger ihn prüfen können.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What to export</source>
        <translation>Was exportiert wird</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The collection</source>
        <translation>Die Sammlung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What counts toward the stack</source>
        <translation>Was zum Stapel zählt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Everything in the wallet</source>
        <translation>Alles in der Wallet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Collection to export</source>
        <translation>Zu exportierende Sammlung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stack to export</source>
        <translation>Zu exportierender Stapel</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shown as the portfolio&apos;s title (optional)</source>
        <translation>Wird als Titel des Portfolios angezeigt (optional)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your &amp;name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A line or two about you (optional)</source>
        <translation>Ein, zwei Sätze über Sie (optional)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Summary:</source>
        <translation>&amp;Zusammenfassung:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Where to save</source>
        <translation>Speicherort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Choose…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save &amp;to:</source>
        <translation>Speichern &amp;unter:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check every credential again (offline) before exporting</source>
        <translation>Jeden Nachweis vor dem Export erneut (offline) prüfen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Include failed and unchecked credentials (marked as such)</source>
        <translation>Fehlgeschlagene und ungeprüfte Nachweise einschließen (als solche gekennzeichnet)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Web page and PDF leave out credentials that failed verification or were not checked, unless you include them here.</source>
        <translation>Webseite und PDF lassen Nachweise weg, deren Verifizierung fehlgeschlagen ist oder die nicht geprüft wurden, außer Sie schließen sie hier ein.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The selected credentials (%1)</source>
        <translation>Die ausgewählten Nachweise (%1)</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>the selected credentials</source>
        <translation>die ausgewählten Nachweise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the collection “%1”</source>
        <translation>die Sammlung „%1“</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the credentials counting toward the stack “%1”</source>
        <translation>die Nachweise, die zum Stapel „%1“ zählen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>every credential in the wallet</source>
        <translation>alle Nachweise in der Wallet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exports %1 as: %2, to %3.</source>
        <translation>Exportiert %1 als: %2, nach %3.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Laying out the PDF</source>
        <translation>PDF wird gesetzt</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exported %1 credential(s) to %2.</source>
        <translation>%1 Nachweis(e) nach %2 exportiert.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nothing was exported: %1</source>
        <translation>Nichts wurde exportiert: %1</translation>
    </message>
    <message>
        <location filename="../../wallet/ui/menus.py" line="-51"/>
        <source>E&amp;xport Portfolio…</source>
        <translation>Portfolio e&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export chosen credentials as a web page, PDF, presentation, CLR records or badge images</source>
        <translation>Ausgewählte Nachweise als Webseite, PDF, Präsentation, CLR-Nachweise oder Badge-Bilder exportieren</translation>
    </message>
</context>
<context>
    <name>FileOpener</name>
    <message>
        <location filename="../../wallet/ui/single_instance.py" line="+387"/>
        <location line="+9"/>
        <source>Learner Wallet</source>
        <translation>Learner Wallet</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>{names} are wallet backups. Restore them one at a time: choose File → Restore from Backup… and pick one.</source>
        <translation>{names} sind Wallet-Sicherungen. Stellen Sie sie einzeln wieder her: Wählen Sie Datei → Aus Sicherung wiederherstellen… und dann eine davon.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{names} is a wallet backup. To add what it holds to this wallet, choose File → Restore from Backup… and pick it.</source>
        <translation>{names} ist eine Wallet-Sicherung. Um ihren Inhalt in diese Wallet zu übernehmen, wählen Sie Datei → Aus Sicherung wiederherstellen… und dann diese Datei.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../wallet/ui/filter_bar.py" line="+39"/>
        <source>Search credentials</source>
        <translation>Nachweise durchsuchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search titles, issuers, skills, outcomes (Ctrl+F)</source>
        <translation>Titel, Aussteller, Fähigkeiten, Lernergebnisse durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clear search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter by issuer</source>
        <translation>Nach Aussteller filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by type</source>
        <translation>Nach Art filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by year of issue</source>
        <translation>Nach Ausstellungsjahr filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by verification</source>
        <translation>Nach Prüfergebnis filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by tag</source>
        <translation>Nach Schlagwort filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by collection</source>
        <translation>Nach Sammlung filtern</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear search and filters</source>
        <translation>Suche und Filter leeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show every credential again</source>
        <translation>Wieder alle Nachweise zeigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All types</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Any verification</source>
        <translation>Jedes Prüfergebnis</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>All issuers</source>
        <translation>Alle Aussteller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any year</source>
        <translation>Jedes Jahr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any tag</source>
        <translation>Jedes Schlagwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any collection</source>
        <translation>Jede Sammlung</translation>
    </message>
</context>
<context>
    <name>GoalDialog</name>
    <message>
        <location filename="../../wallet/ui/goal_dialog.py" line="+23"/>
        <source>NZQF credits</source>
        <translation>NZQF-Credits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ECTS</source>
        <translation>ECTS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <location line="+111"/>
        <location line="+1"/>
        <source>New goal</source>
        <translation>Neues Ziel</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Set yourself a goal: a number of credits, particular credentials, or both. The wallet shows how far your credentials already take you.</source>
        <translation>Setzen Sie sich ein Ziel: eine Anzahl Credits, bestimmte Nachweise oder beides. Die Wallet zeigt, wie weit Ihre Nachweise Sie schon bringen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Goal name</source>
        <translation>Name des Ziels</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>e.g. Level 5 Certificate in Data Analysis</source>
        <translation>z. B. Zertifikat Datenanalyse (Niveau 5)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Awarding body (optional)</source>
        <translation>Verleihende Stelle (optional)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Awarding body:</source>
        <translation>&amp;Verleihende Stelle:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Problem with the goal</source>
        <translation>Problem mit dem Ziel</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+1"/>
        <source>Create goal</source>
        <translation>Ziel anlegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>A credit total</source>
        <translation>Eine Credit-Summe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Require a credit total</source>
        <translation>Eine Credit-Summe verlangen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Credits needed</source>
        <translation>Benötigte Credits</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Credit unit</source>
        <translation>Credit-Einheit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Minimum level</source>
        <translation>Mindestniveau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any level</source>
        <translation>Jedes Niveau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Qualifications framework</source>
        <translation>Qualifikationsrahmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No framework</source>
        <translation>Kein Rahmen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Credits:</source>
        <translation>&amp;Credits:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At &amp;level:</source>
        <translation>Ab &amp;Niveau:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Particular credentials</source>
        <translation>Bestimmte Nachweise</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Require particular credentials</source>
        <translation>Bestimmte Nachweise verlangen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter credentials</source>
        <translation>Nachweise filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by title</source>
        <translation>Nach Titel filtern</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your credentials</source>
        <translation>Ihre Nachweise</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your wallet holds no credentials yet.</source>
        <translation>Ihre Wallet enthält noch keine Nachweise.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All of these</source>
        <translation>Alle diese</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Require all picked credentials</source>
        <translation>Alle ausgewählten Nachweise verlangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At least</source>
        <translation>Mindestens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Require some of the picked credentials</source>
        <translation>Einige der ausgewählten Nachweise verlangen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many of the picked credentials</source>
        <translation>Wie viele der ausgewählten Nachweise</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>of these</source>
        <translation>davon</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Give the goal a name.</source>
        <translation>Geben Sie dem Ziel einen Namen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a requirement: tick “A credit total”, “Particular credentials”, or both.</source>
        <translation>Fügen Sie eine Anforderung hinzu: „Eine Credit-Summe“, „Bestimmte Nachweise“ oder beides ankreuzen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The credit total must be more than 0.</source>
        <translation>Die Credit-Summe muss größer als 0 sein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A minimum level needs its framework: choose one, or set “Any level”.</source>
        <translation>Ein Mindestniveau braucht seinen Rahmen: Wählen Sie einen aus oder setzen Sie „Jedes Niveau“.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pick at least one credential, or untick “Particular credentials”.</source>
        <translation>Wählen Sie mindestens einen Nachweis aus oder entfernen Sie das Häkchen bei „Bestimmte Nachweise“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You picked {picked}, so “at least {n} of these” can never be met. Pick more or lower the number.</source>
        <translation>Sie haben {picked} ausgewählt, daher kann „mindestens {n} davon“ nie erfüllt werden. Wählen Sie mehr aus oder senken Sie die Zahl.</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../wallet/ui/import_flow.py" line="+132"/>
        <source>not fetched: you chose not to connect to {host}</source>
        <translation>nicht abgerufen: Sie haben sich entschieden, keine Verbindung zu {host} aufzunehmen</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>the QR code in {name}</source>
        <translation>der QR-Code in {name}</translation>
    </message>
    <message>
        <location filename="../../wallet/ui/menus.py" line="-72"/>
        <source>Import &amp;Folder…</source>
        <translation>&amp;Ordner importieren…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add every credential file in a folder to the wallet</source>
        <translation>Alle Nachweisdateien eines Ordners in die Wallet aufnehmen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import from &amp;QR Code Image…</source>
        <translation>Aus &amp;QR-Code-Bild importieren…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read a QR code in a picture and import the credential or address it holds</source>
        <translation>Einen QR-Code in einem Bild lesen und den Nachweis oder die Adresse darin importieren</translation>
    </message>
    <message>
        <location line="+163"/>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import the credential, JWT or address on the clipboard</source>
        <translation>Den Nachweis, das JWT oder die Adresse aus der Zwischenablage importieren</translation>
    </message>
    <message>
        <location filename="../../wallet/ui/import_flow.py" line="+234"/>
        <source>Import every credential in a folder</source>
        <translation>Alle Nachweise eines Ordners importieren</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import from a QR code image</source>
        <translation>Aus einem QR-Code-Bild importieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>pasted text</source>
        <translation>eingefügter Text</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pasted image</source>
        <translation>eingefügtes Bild</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The clipboard holds nothing to import. Copy a credential&apos;s text, a JWT, or an https address first.</source>
        <translation>Die Zwischenablage enthält nichts zum Importieren. Kopieren Sie zuerst den Text eines Nachweises, ein JWT oder eine https-Adresse.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The clipboard</source>
        <translation>Die Zwischenablage</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>dropped text</source>
        <translation>abgelegter Text</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>dropped image</source>
        <translation>abgelegtes Bild</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>An import is still running. Wait for it to finish or cancel it.</source>
        <translation>Ein Import läuft noch. Warten Sie, bis er fertig ist, oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Downloading and importing…</source>
        <translation>Wird heruntergeladen und importiert…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Importing…</source>
        <translation>Wird importiert…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The QR codes</source>
        <translation>Die QR-Codes</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{where} holds a web address:

{urls}

Connect to {hosts} and import what is there? That site learns that this address was opened from your computer. Nothing is fetched unless you answer Yes.</source>
        <translation>{where} enthält eine Webadresse:

{urls}

Mit {hosts} verbinden und importieren, was dort liegt? Diese Website erfährt, dass die Adresse von Ihrem Computer aus geöffnet wurde. Nichts wird abgerufen, solange Sie nicht mit Ja antworten.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Fetch from {host}?</source>
        <translation>Von {host} abrufen?</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+81"/>
        <location line="+11"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Importing from this window is not available in this build. Use `learner-wallet import FILE` and open the wallet again.</source>
        <translation>Importieren aus diesem Fenster ist in dieser Version nicht verfügbar. Verwenden Sie `learner-wallet import DATEI` und öffnen Sie die Wallet erneut.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>only files and https addresses can be imported; nothing was fetched</source>
        <translation>nur Dateien und https-Adressen können importiert werden; nichts wurde abgerufen</translation>
    </message>
</context>
<context>
    <name>ImportProgress</name>
    <message>
        <location line="-547"/>
        <source>Import progress</source>
        <translation>Fortschritt des Imports</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+16"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Cancel import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
</context>
<context>
    <name>ImportResultDialog</name>
    <message>
        <location line="+17"/>
        <location line="+20"/>
        <source>Import results</source>
        <translation>Ergebnisse des Imports</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>{imported} imported, {duplicate} already in the wallet, {failed} failed.</source>
        <translation>{imported} importiert, {duplicate} schon in der Wallet, {failed} fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import cancelled. What was done before stays in the wallet: {summary}</source>
        <translation>Import abgebrochen. Was bis dahin importiert wurde, bleibt in der Wallet: {summary}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was imported.</source>
        <translation>Nichts wurde importiert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import cancelled before anything was imported.</source>
        <translation>Import abgebrochen, bevor etwas importiert wurde.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Double-click a credential to show it.</source>
        <translation>Doppelklicken Sie auf einen Nachweis, um ihn anzuzeigen.</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../wallet/ui/link_dialog.py" line="+162"/>
        <location line="+76"/>
        <location line="+114"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location line="-181"/>
        <location line="+71"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Problem with the link</source>
        <translation>Problem mit dem Link</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../wallet/ui/i18n.py" line="+38"/>
        <source>Credentials (*.json *.jsonld *.jwt *.txt *.png *.svg *.zip);;All files (*)</source>
        <translation>Nachweise (*.json *.jsonld *.jwt *.txt *.png *.svg *.zip);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../wallet/ui/main_window.py" line="-1059"/>
        <source>DEMO WALLET — sample credentials signed by a demo issuer, not real achievements</source>
        <translation>DEMO-WALLET — Beispielnachweise, signiert von einem Demo-Aussteller, keine echten Leistungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Demo wallet notice</source>
        <translation>Hinweis auf Demo-Wallet</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Credentials</source>
        <translation>Nachweise</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Micro-credential</source>
        <translation>Microcredential</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Number of credentials</source>
        <translation>Anzahl der Nachweise</translation>
    </message>
    <message>
        <location filename="../../wallet/ui/menus.py" line="-192"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add badge or credential files to the wallet</source>
        <translation>Badge- oder Nachweisdateien in die Wallet aufnehmen</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Import &amp;Stack…</source>
        <translation>&amp;Stapel importieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a pathway to a larger award (our format, CTDL or a Badgr export)</source>
        <translation>Einen Weg zu einem größeren Abschluss hinzufügen (unser Format, CTDL oder ein Badgr-Export)</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>&amp;Lock</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the wallet until the passphrase is given</source>
        <translation>Die Wallet schließen, bis die Passphrase eingegeben wird</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search titles, issuers, skills and outcomes</source>
        <translation>Titel, Aussteller, Fähigkeiten und Lernergebnisse durchsuchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show &amp;all credentials</source>
        <translation>&amp;Alle Nachweise zeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Check selected credential</source>
        <translation>Ausgewählten Nachweis &amp;prüfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove the selected credentials from the wallet for good (you can undo it for a minute)</source>
        <translation>Die ausgewählten Nachweise endgültig aus der Wallet entfernen (eine Minute lang rückgängig zu machen)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Undo Delete</source>
        <translation>Löschen &amp;rückgängig machen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put back the credentials just deleted</source>
        <translation>Die gerade gelöschten Nachweise zurückholen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Collections</source>
        <translation>&amp;Sammlungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New collection…</source>
        <translation>&amp;Neue Sammlung…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Rename collection…</source>
        <translation>Sammlung &amp;umbenennen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Delete collection…</source>
        <translation>Sammlung &amp;löschen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove a collection; its credentials stay in the wallet</source>
        <translation>Eine Sammlung entfernen; ihre Nachweise bleiben in der Wallet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Selected credential</source>
        <translation>&amp;Ausgewählter Nachweis</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Credentials</source>
        <translation>&amp;Nachweise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Stacks (progress toward awards)</source>
        <translation>&amp;Stapel (Fortschritt zu Abschlüssen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>C&amp;ards</source>
        <translation>&amp;Karten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the credentials as a wall of badge cards</source>
        <translation>Die Nachweise als Wand aus Badge-Karten zeigen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Table</source>
        <translation>&amp;Tabelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the credentials as a table</source>
        <translation>Die Nachweise als Tabelle zeigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;History of Sharing…</source>
        <translation>&amp;Verlauf des Teilens…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>See what you have shown to which verifier, and when</source>
        <translation>Sehen, was Sie welchem Prüfer wann gezeigt haben</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;About Learner Wallet</source>
        <translation>Ü&amp;ber Learner Wallet</translation>
    </message>
    <message>
        <location filename="../../wallet/ui/main_window.py" line="+3"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo the delete</source>
        <translation>Das Löschen rückgängig machen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import credential files</source>
        <translation>Nachweisdateien importieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paste a link</source>
        <translation>Link einfügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import the link or credential on the clipboard</source>
        <translation>Den Link oder Nachweis in der Zwischenablage importieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receive from an issuer…</source>
        <translation>Von einem Aussteller empfangen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receive a credential from the issuer that offers it</source>
        <translation>Einen Nachweis vom Aussteller empfangen, der ihn anbietet</translation>
    </message>
    <message>
        <location line="+227"/>
        <source>Learner Wallet — {name}</source>
        <translation>Learner Wallet — {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[DEMO] {title}</source>
        <translation>[DEMO] {title}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{n} credentials (reading the list…)</source>
        <translation>{n} Nachweise (Liste wird gelesen…)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 credential</source>
        <translation>1 Nachweis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} credentials</source>
        <translation>{n} Nachweise</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{shown} of {n} credentials</source>
        <translation>{shown} von {n} Nachweisen</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>Online checks are turned off in Settings, so nothing was fetched. Use “Check now” to check offline, or turn online checks on.</source>
        <translation>Online-Prüfungen sind in den Einstellungen ausgeschaltet, daher wurde nichts abgerufen. Verwenden Sie „Jetzt prüfen“, um offline zu prüfen, oder schalten Sie Online-Prüfungen ein.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Checking online…</source>
        <translation>Online-Prüfung läuft…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checking…</source>
        <translation>Prüfung läuft…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The check could not run: {message}</source>
        <translation>Die Prüfung konnte nicht ausgeführt werden: {message}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>New collection</source>
        <translation>Neue Sammlung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name of the collection:</source>
        <translation>Name der Sammlung:</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+67"/>
        <source>Collections</source>
        <translation>Sammlungen</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>There are no collections yet.</source>
        <translation>Es gibt noch keine Sammlungen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Collection:</source>
        <translation>Sammlung:</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+3"/>
        <source>Rename collection</source>
        <translation>Sammlung umbenennen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete collection</source>
        <translation>Sammlung löschen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Collection “{name}” deleted; its credentials stay in the wallet</source>
        <translation>Sammlung „{name}“ gelöscht; ihre Nachweise bleiben in der Wallet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select a credential first</source>
        <translation>Wählen Sie zuerst einen Nachweis aus</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New collection…</source>
        <translation>Neue Sammlung…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Credential actions</source>
        <translation>Aktionen für den Nachweis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check now</source>
        <translation>Jetzt prüfen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Delete “{title}” from this wallet for good?</source>
        <translation>„{title}“ endgültig aus dieser Wallet löschen?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>… and {n} more</source>
        <translation>… und {n} weitere</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete these {n} credentials from this wallet for good?</source>
        <translation>Diese {n} Nachweise endgültig aus dieser Wallet löschen?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The credentials they bundle go too ({n} more).</source>
        <translation>Die darin gebündelten Nachweise werden mitgelöscht ({n} weitere).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Their tags, collections and checks go with them. You can undo this for a minute (Edit → Undo Delete).</source>
        <translation>Ihre Schlagwörter, Sammlungen und Prüfungen werden mitgelöscht. Sie können dies eine Minute lang rückgängig machen (Bearbeiten → Löschen rückgängig machen).</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+13"/>
        <source>Delete credentials</source>
        <translation>Nachweise löschen</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Deleting…</source>
        <translation>Wird gelöscht…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Deleted “{title}”</source>
        <translation>„{title}“ gelöscht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted {n} credentials</source>
        <translation>{n} Nachweise gelöscht</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Putting them back…</source>
        <translation>Wird zurückgeholt…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo Delete</source>
        <translation>Löschen rückgängig machen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Put back “{title}”</source>
        <translation>„{title}“ zurückgeholt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put back {n} credentials</source>
        <translation>{n} Nachweise zurückgeholt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Import credentials</source>
        <translation>Nachweise importieren</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Importing from this window is not available in this build. Use `learner-wallet import FILE` and open the wallet again.</source>
        <translation>Importieren aus diesem Fenster ist in dieser Version nicht verfügbar. Verwenden Sie `learner-wallet import DATEI` und öffnen Sie die Wallet erneut.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Working out progress toward each stack…</source>
        <translation>Fortschritt zu jedem Stapel wird berechnet…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stacks</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import a stack</source>
        <translation>Einen Stapel importieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stacks (*.json *.jsonld);;All files (*)</source>
        <translation>Stapel (*.json *.jsonld);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+9"/>
        <source>Import stack</source>
        <translation>Stapel importieren</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Cannot read {path}: {why}</source>
        <translation>{path} kann nicht gelesen werden: {why}</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+6"/>
        <source>New goal</source>
        <translation>Neues Ziel</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>About Learner Wallet</source>
        <translation>Über Learner Wallet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learner Wallet {version}

Keep, verify, stack and present your badges and micro-credentials, offline. The wallet file is encrypted with your passphrase.

Licensed under the Apache License 2.0.</source>
        <translation>Learner Wallet {version}

Bewahren, prüfen, bündeln und zeigen Sie Ihre Badges und Microcredentials, offline. Die Wallet-Datei ist mit Ihrer Passphrase verschlüsselt.

Lizenziert unter der Apache License 2.0.</translation>
    </message>
</context>
<context>
    <name>OptionRow</name>
    <message>
        <location filename="../../wallet/ui/respond_dialog.py" line="+150"/>
        <source>Credential</source>
        <translation>Nachweis</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Issued by {issuer}</source>
        <translation>Ausgestellt von {issuer}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued by an issuer that gives no name</source>
        <translation>Ausgestellt von einem Aussteller, der keinen Namen angibt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The whole credential (it cannot be shown in part)</source>
        <translation>Der ganze Nachweis (er lässt sich nicht teilweise zeigen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>What the verifier would see</source>
        <translation>Was der Prüfer sehen würde</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>It would see:</source>
        <translation>Er würde sehen:</translation>
    </message>
</context>
<context>
    <name>PassphraseMeter</name>
    <message>
        <location filename="../../wallet/ui/lock.py" line="-138"/>
        <location line="+1"/>
        <source>Passphrase strength</source>
        <translation>Stärke der Passphrase</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passphrase advice</source>
        <translation>Hinweis zur Passphrase</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Strength: nothing typed yet</source>
        <translation>Stärke: noch nichts eingegeben</translation>
    </message>
</context>
<context>
    <name>PdfExport</name>
    <message>
        <location filename="../../wallet/ui/pdf_export.py" line="+350"/>
        <source>cannot write the PDF at {path}</source>
        <translation>die PDF-Datei kann nicht unter {path} geschrieben werden</translation>
    </message>
</context>
<context>
    <name>PresentActions</name>
    <message>
        <location filename="../../wallet/ui/menus.py" line="-22"/>
        <source>&amp;Tools</source>
        <translation>&amp;Extras</translation>
    </message>
    <message>
        <location line="-205"/>
        <source>&amp;Share…</source>
        <translation>&amp;Teilen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the selected credentials to an employer as a QR code, choosing what to reveal</source>
        <translation>Die ausgewählten Nachweise einem Arbeitgeber als QR-Code zeigen und dabei wählen, was sichtbar wird</translation>
    </message>
    <message>
        <location line="+204"/>
        <source>&amp;Verify a QR…</source>
        <translation>QR-Code &amp;prüfen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check a learner&apos;s presentation QR code, offline</source>
        <translation>Den Präsentations-QR-Code einer lernenden Person offline prüfen</translation>
    </message>
</context>
<context>
    <name>QrView</name>
    <message>
        <location filename="../../wallet/ui/share_dialog.py" line="+50"/>
        <source>QR code</source>
        <translation>QR-Code</translation>
    </message>
</context>
<context>
    <name>ReceiveActions</name>
    <message>
        <location filename="../../wallet/ui/menus.py" line="-246"/>
        <source>R&amp;eceive from an Issuer…</source>
        <translation>Von einem &amp;Aussteller empfangen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Get a credential straight from the school or issuer that offers it, with the link it gave you</source>
        <translation>Einen Nachweis direkt von der Schule oder dem Aussteller empfangen, der ihn anbietet – mit dem Link, den Sie von dort erhalten haben</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../../wallet/ui/receive_dialog.py" line="+154"/>
        <source>Receive from an issuer</source>
        <translation>Von einem Aussteller empfangen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Receive a credential from an issuer</source>
        <translation>Einen Nachweis von einem Aussteller empfangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste the link your school or issuer gave you for adding the credential to a wallet. It starts with openid-credential-offer:// or https://.</source>
        <translation>Fügen Sie den Link ein, den Ihnen Ihre Schule oder der Aussteller gegeben hat, um den Nachweis in eine Wallet aufzunehmen. Er beginnt mit openid-credential-offer:// oder https://.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where} holds a credential offer.</source>
        <translation>{where} enthält ein Nachweisangebot.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offer link</source>
        <translation>Link zum Angebot</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reading the offer…</source>
        <translation>Das Angebot wird gelesen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the offer</source>
        <translation>Angebot wird gelesen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Receive from this issuer?</source>
        <translation>Von diesem Aussteller empfangen?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name the issuer gives</source>
        <translation>Name, den der Aussteller angibt</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+38"/>
        <source>Host the wallet connects to</source>
        <translation>Host, mit dem sich die Wallet verbindet</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Your trust list</source>
        <translation>Ihre Liste vertrauenswürdiger Aussteller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What is offered</source>
        <translation>Was angeboten wird</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name it gives:</source>
        <translation>Angegebener Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+38"/>
        <source>Connects to:</source>
        <translation>Verbindet mit:</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Trust list:</source>
        <translation>Vertrauensliste:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offers:</source>
        <translation>Bietet an:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Transaction code:</source>
        <translation>&amp;Transaktionscode:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transaction code</source>
        <translation>Transaktionscode</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the issuer says</source>
        <translation>Was der Aussteller schreibt</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show your credentials?</source>
        <translation>Ihre Nachweise zeigen?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What the exchange says</source>
        <translation>Was der Austausch schreibt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What would be shown</source>
        <translation>Was gezeigt würde</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>It says:</source>
        <translation>Er schreibt:</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Would show:</source>
        <translation>Würde zeigen:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing has been shown yet. Show them sends exactly these credentials, signed with your wallet&apos;s key. Don&apos;t show sends nothing more, and nothing is received.</source>
        <translation>Noch wurde nichts gezeigt. „Zeigen“ sendet genau diese Nachweise, signiert mit dem Schlüssel Ihrer Wallet. „Nicht zeigen“ sendet nichts weiter, und es wird nichts empfangen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Receiving</source>
        <translation>Empfang läuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the issuer gave</source>
        <translation>Was der Aussteller geliefert hat</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Double-click a credential to show it in the list.</source>
        <translation>Doppelklicken Sie auf einen Nachweis, um ihn in der Liste zu zeigen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Receive</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show them</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Don&apos;t show</source>
        <translation>Nicht zeigen</translation>
    </message>
    <message>
        <location line="-123"/>
        <source>Continue connects to {host} to read what it offers. Nothing that redeems the offer is sent before you agree.</source>
        <translation>„Weiter“ verbindet sich mit {host}, um zu lesen, was angeboten wird. Nichts, was das Angebot einlöst, wird gesendet, bevor Sie zustimmen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Continue connects to the issuer to read what it offers. Nothing that redeems the offer is sent before you agree.</source>
        <translation>„Weiter“ verbindet sich mit dem Aussteller, um zu lesen, was angeboten wird. Nichts, was das Angebot einlöst, wird gesendet, bevor Sie zustimmen.</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Paste the issuer&apos;s link first.</source>
        <translation>Fügen Sie zuerst den Link des Ausstellers ein.</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>Asking {host} who it is and what it offers. Nothing that redeems the offer is sent yet.</source>
        <translation>{host} wird gefragt, wer der Aussteller ist und was er anbietet. Noch wird nichts gesendet, was das Angebot einlöst.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading what the link holds.</source>
        <translation>Der Inhalt des Links wird gelesen.</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>Before it gives you anything, the exchange at {host} asks to see credentials from your wallet.</source>
        <translation>Bevor er Ihnen etwas gibt, möchte der Austausch bei {host} Nachweise aus Ihrer Wallet sehen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{text}”</source>
        <translation>„{text}“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(it gives no reason)</source>
        <translation>(gibt keinen Grund an)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None of your credentials: only a proof that this wallet holds its key</source>
        <translation>Keinen Ihrer Nachweise: nur eine Signatur, die zeigt, dass diese Wallet ihren Schlüssel besitzt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(it gives no name)</source>
        <translation>(gibt keinen Namen an)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>On your list of trusted issuers.</source>
        <translation>Auf Ihrer Liste vertrauenswürdiger Aussteller.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not on your list of trusted issuers. What it gives you is marked with a warning until you trust it.</source>
        <translation>Nicht auf Ihrer Liste vertrauenswürdiger Aussteller. Was er Ihnen ausstellt, wird mit einer Warnung markiert, bis Sie ihm vertrauen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Its details are signed by {did}.</source>
        <translation>Seine Angaben sind signiert von {did}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>and {count} more</source>
        <translation>und {count} weitere</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing has been sent to the issuer yet. Receive opens the issuer&apos;s sign-in page in your web browser; once you have signed in there, the wallet asks the issuer for what it offers, bound to your wallet&apos;s key, and checks it like any import.</source>
        <translation>Noch wurde nichts an den Aussteller gesendet. „Empfangen“ öffnet die Anmeldeseite des Ausstellers in Ihrem Webbrowser; sobald Sie sich dort angemeldet haben, fragt die Wallet den Aussteller nach dem Angebotenen, gebunden an den Schlüssel Ihrer Wallet, und prüft es wie jeden Import.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing has been sent to the issuer yet. Receive sends it the offer&apos;s code and a proof made with your wallet&apos;s key, and adds what it gives you to your wallet, checked like any import.</source>
        <translation>Noch wurde nichts an den Aussteller gesendet. „Empfangen“ sendet ihm den Code des Angebots und eine mit dem Schlüssel Ihrer Wallet erstellte Signatur und nimmt auf, was er Ihnen gibt – geprüft wie jeder Import.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The issuer sent you this code separately, for example by e-mail or text message: {length} digits.</source>
        <translation>Der Aussteller hat Ihnen diesen Code gesondert geschickt, zum Beispiel per E-Mail oder SMS: {length} Ziffern.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The issuer sent you this code separately, for example by e-mail or text message: {length} characters.</source>
        <translation>Der Aussteller hat Ihnen diesen Code gesondert geschickt, zum Beispiel per E-Mail oder SMS: {length} Zeichen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The issuer sent you this code separately, for example by e-mail or text message.</source>
        <translation>Der Aussteller hat Ihnen diesen Code gesondert geschickt, zum Beispiel per E-Mail oder SMS.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The issuer says: “{text}”</source>
        <translation>Der Aussteller schreibt: „{text}“</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+16"/>
        <source>Receiving…</source>
        <translation>Empfang läuft…</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Opening the issuer&apos;s sign-in page in your web browser.</source>
        <translation>Die Anmeldeseite des Ausstellers wird in Ihrem Webbrowser geöffnet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asking {host} for what it offers.</source>
        <translation>{host} wird nach dem Angebotenen gefragt.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Showing your credentials to {host} and asking it for what it gives.</source>
        <translation>Ihre Nachweise werden {host} gezeigt, und der Austausch wird nach dem gefragt, was er Ihnen gibt.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sign in on the issuer&apos;s page in your web browser. The wallet waits for the issuer&apos;s answer; Cancel stops waiting.</source>
        <translation>Melden Sie sich auf der Seite des Ausstellers in Ihrem Webbrowser an. Die Wallet wartet auf die Antwort des Ausstellers; „Abbrechen“ beendet das Warten.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Received in part</source>
        <translation>Teilweise empfangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coming later</source>
        <translation>Kommt später</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was added</source>
        <translation>Nichts wurde hinzugefügt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{added} added to your wallet, {pending} to come later, {duplicate} already there, {failed} not added.</source>
        <translation>{added} zur Wallet hinzugefügt, {pending} folgen später, {duplicate} schon vorhanden, {failed} nicht hinzugefügt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{added} added to your wallet, {duplicate} already there, {failed} not added.</source>
        <translation>{added} zur Wallet hinzugefügt, {duplicate} schon vorhanden, {failed} nicht hinzugefügt.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Nothing was received</source>
        <translation>Nichts wurde empfangen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Finish or cancel the receive that is open, then try again.</source>
        <translation>Schließen Sie den laufenden Empfang ab oder brechen Sie ihn ab, und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>RegistriesSection</name>
    <message>
        <location filename="../../wallet/ui/settings.py" line="+389"/>
        <location line="+11"/>
        <location line="+137"/>
        <source>Issuer registries</source>
        <translation>Ausstellerverzeichnisse</translation>
    </message>
    <message>
        <location line="-144"/>
        <source>Issuers a registry lists count as known. The wallet fetches a registry only when you add or refresh it; changes here apply at once.</source>
        <translation>Aussteller, die ein Verzeichnis aufführt, gelten als bekannt. Das Wallet lädt ein Verzeichnis nur, wenn Sie es hinzufügen oder aktualisieren; Änderungen hier gelten sofort.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fetch every registry again now</source>
        <translation>Alle Verzeichnisse jetzt neu laden</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Add an issuer registry</source>
        <translation>Ausstellerverzeichnis hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address of the registry (a JSON list of issuers, https://…):</source>
        <translation>Adresse des Verzeichnisses (eine JSON-Liste von Ausstellern, https://…):</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Fetching the issuer registry…</source>
        <translation>Ausstellerverzeichnis wird geladen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subscribed to {name}.</source>
        <translation>{name} abonniert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Removing the issuer registry…</source>
        <translation>Ausstellerverzeichnis wird entfernt…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsubscribed from {name}.</source>
        <translation>{name} abbestellt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Refreshing the issuer registries…</source>
        <translation>Ausstellerverzeichnisse werden aktualisiert…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{count} of {total} registries could not be refreshed; their last copy is kept.</source>
        <translation>{count} von {total} Verzeichnissen konnten nicht aktualisiert werden; ihre letzte Kopie bleibt erhalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every registry was refreshed.</source>
        <translation>Alle Verzeichnisse wurden aktualisiert.</translation>
    </message>
</context>
<context>
    <name>RespondActions</name>
    <message>
        <location filename="../../wallet/ui/menus.py" line="+8"/>
        <source>&amp;Answer a Verifier…</source>
        <translation>Einem Prüfer a&amp;ntworten…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show credentials to an employer or another verifier that asks with an openid4vp:// link or QR code, choosing which ones</source>
        <translation>Einem Arbeitgeber oder anderen Prüfer, der mit einem openid4vp://-Link oder QR-Code danach fragt, Nachweise zeigen – Sie wählen, welche</translation>
    </message>
</context>
<context>
    <name>RespondDialog</name>
    <message>
        <location filename="../../wallet/ui/respond_dialog.py" line="+47"/>
        <source>Answer a verifier</source>
        <translation>Einem Prüfer antworten</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Open the Verifier&apos;s Page</source>
        <translation>Seite des Prüfers öffnen</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Answer a verifier&apos;s request</source>
        <translation>Die Anfrage eines Prüfers beantworten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste the link an employer or another verifier gave you to ask for your credentials. It starts with openid4vp:// or https://.</source>
        <translation>Fügen Sie den Link ein, mit dem ein Arbeitgeber oder ein anderer Prüfer nach Ihren Nachweisen fragt. Er beginnt mit openid4vp:// oder https://.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where} holds a verifier&apos;s request.</source>
        <translation>{where} enthält die Anfrage eines Prüfers.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request link</source>
        <translation>Link zur Anfrage</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reading the request…</source>
        <translation>Die Anfrage wird gelesen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the request</source>
        <translation>Anfrage wird gelesen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Share with this verifier?</source>
        <translation>Mit diesem Prüfer teilen?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name the verifier gives</source>
        <translation>Name, den der Prüfer angibt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In its own words: nothing proves this name.</source>
        <translation>Seine eigenen Worte: Nichts belegt diesen Namen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What its signature proves</source>
        <translation>Was seine Signatur belegt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Its certificates</source>
        <translation>Seine Zertifikate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where the answer goes</source>
        <translation>Wohin die Antwort geht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your trust list</source>
        <translation>Ihre Vertrauensliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why it asks</source>
        <translation>Warum er fragt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name it gives:</source>
        <translation>Angegebener Name:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Proven by:</source>
        <translation>Belegt durch:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Answer goes to:</source>
        <translation>Antwort geht an:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trust list:</source>
        <translation>Vertrauensliste:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why it asks:</source>
        <translation>Warum er fragt:</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Answering the verifier</source>
        <translation>Antwort an den Prüfer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was shared</source>
        <translation>Was geteilt wurde</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Share</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>Continue reads the request from {host} and checks who sent it. Nothing from your wallet is shared before you agree.</source>
        <translation>„Weiter“ liest die Anfrage von {host} und prüft, wer sie geschickt hat. Nichts aus Ihrer Wallet wird geteilt, bevor Sie zustimmen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Continue reads the request and checks who sent it. Nothing from your wallet is shared before you agree.</source>
        <translation>„Weiter“ liest die Anfrage und prüft, wer sie geschickt hat. Nichts aus Ihrer Wallet wird geteilt, bevor Sie zustimmen.</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Paste the verifier&apos;s link first.</source>
        <translation>Fügen Sie zuerst den Link des Prüfers ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not a verifier&apos;s request: such a link starts with openid4vp://.</source>
        <translation>Das ist keine Anfrage eines Prüfers: Ein solcher Link beginnt mit openid4vp://.</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>Fetching the request from {host} and checking its signature. Nothing from your wallet is sent yet.</source>
        <translation>Die Anfrage wird von {host} geholt und ihre Signatur geprüft. Noch wird nichts aus Ihrer Wallet gesendet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the request. Nothing from your wallet is sent yet.</source>
        <translation>Die Anfrage wird gelesen. Noch wird nichts aus Ihrer Wallet gesendet.</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>(it gives no name)</source>
        <translation>(gibt keinen Namen an)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Its certificates ({count})</source>
        <translation>Seine Zertifikate ({count})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As the verifier sent them, its own first. The wallet checked that each was issued by the next, not who the last one is.</source>
        <translation>So, wie der Prüfer sie geschickt hat, sein eigenes zuerst. Die Wallet hat geprüft, dass jedes vom nächsten ausgestellt wurde, nicht aber, wer hinter dem letzten steht.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>On your trust list.</source>
        <translation>Auf Ihrer Vertrauensliste.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not on your trust list. Share only if you know who this is.</source>
        <translation>Nicht auf Ihrer Vertrauensliste. Teilen Sie nur, wenn Sie wissen, wer das ist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{text}”</source>
        <translation>„{text}“</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(it gives no reason)</source>
        <translation>(gibt keinen Grund an)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing has been shared yet. Share sends what you chose to {host}, signed with your wallet&apos;s key. Decline only tells it no.</source>
        <translation>Noch wurde nichts geteilt. „Teilen“ sendet Ihre Auswahl an {host}, signiert mit dem Schlüssel Ihrer Wallet. „Ablehnen“ teilt nur Ihr Nein mit.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A certificate for {name} (x509_san_dns)</source>
        <translation>Ein Zertifikat für {name} (x509_san_dns)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A certificate with the fingerprint {hash} (x509_hash)</source>
        <translation>Ein Zertifikat mit dem Fingerabdruck {hash} (x509_hash)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Its DID {did} (decentralized_identifier)</source>
        <translation>Seine DID {did} (decentralized_identifier)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing: the request is not signed. It only names where the answer goes, {address} (redirect_uri).</source>
        <translation>Nichts: Die Anfrage ist nicht signiert. Sie nennt nur, wohin die Antwort geht: {address} (redirect_uri).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>It asks for one credential.</source>
        <translation>Er fragt nach einem Nachweis.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It asks for {count} credentials.</source>
        <translation>Er fragt nach {count} Nachweisen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Credential {n} of {count}</source>
        <translation>Nachweis {n} von {count}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose one or more:</source>
        <translation>Wählen Sie einen oder mehrere:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose one:</source>
        <translation>Wählen Sie einen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your credential that fits:</source>
        <translation>Ihr passender Nachweis:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None of your credentials fits.</source>
        <translation>Keiner Ihrer Nachweise passt.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Sharing…</source>
        <translation>Wird geteilt…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending what you chose to {host}.</source>
        <translation>Ihre Auswahl wird an {host} gesendet.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Declining…</source>
        <translation>Wird abgelehnt…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Telling {host} that you said no.</source>
        <translation>{host} wird mitgeteilt, dass Sie abgelehnt haben.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was shared. {host} was told that you said no.</source>
        <translation>Nichts wurde geteilt. {host} wurde mitgeteilt, dass Sie abgelehnt haben.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shared</source>
        <translation>Geteilt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{host} accepted what you shared.</source>
        <translation>{host} hat angenommen, was Sie geteilt haben.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your wallet keeps a note of what went to whom, and when.</source>
        <translation>Ihre Wallet vermerkt, was wann an wen ging.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>What you shared:</source>
        <translation>Was Sie geteilt haben:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>• {title}: the whole credential</source>
        <translation>• {title}: der ganze Nachweis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• {title}: {claims}</source>
        <translation>• {title}: {claims}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Finish or close the verifier&apos;s request that is open, then try again.</source>
        <translation>Schließen Sie die geöffnete Anfrage eines Prüfers ab, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sharing did not succeed</source>
        <translation>Teilen nicht gelungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing was shared</source>
        <translation>Nichts wurde geteilt</translation>
    </message>
</context>
<context>
    <name>ResultList</name>
    <message>
        <location filename="../../wallet/ui/result_list.py" line="+40"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Credential</source>
        <translation>Nachweis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Added from {source}</source>
        <translation>Hinzugefügt aus {source}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added to your wallet</source>
        <translation>Zur Wallet hinzugefügt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Already there</source>
        <translation>Schon vorhanden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Already in your wallet</source>
        <translation>Schon in Ihrer Wallet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not added</source>
        <translation>Nicht hinzugefügt</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../wallet/ui/app.py" line="+331"/>
        <location line="+10"/>
        <source>Wrong passphrase or not a wallet file.</source>
        <translation>Falsche Passphrase oder keine Wallet-Datei.</translation>
    </message>
    <message>
        <location filename="../../wallet/ui/menus.py" line="+44"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Auto-lock, online checks, trusted issuers, language, and which wallet is open</source>
        <translation>Automatisches Sperren, Online-Prüfungen, vertrauenswürdige Aussteller, Sprache und welche Wallet geöffnet ist</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change &amp;Passphrase…</source>
        <translation>&amp;Passphrase ändern…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Re-encrypt the wallet file with a new passphrase</source>
        <translation>Die Wallet-Datei mit einer neuen Passphrase neu verschlüsseln</translation>
    </message>
    <message>
        <location filename="../../wallet/ui/app.py" line="+102"/>
        <source>1 credential an issuer promised has arrived</source>
        <translation>1 von einem Aussteller zugesagter Nachweis ist eingetroffen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} credentials issuers promised have arrived</source>
        <translation>{n} von Ausstellern zugesagte Nachweise sind eingetroffen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not ask issuers for the credentials they promised: {problem}</source>
        <translation>Die Aussteller konnten nicht nach den zugesagten Nachweisen gefragt werden: {problem}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Asking issuers for the credentials they promised…</source>
        <translation>Aussteller werden nach den zugesagten Nachweisen gefragt…</translation>
    </message>
    <message>
        <location line="+108"/>
        <location line="+9"/>
        <source>Change passphrase</source>
        <translation>Passphrase ändern</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Wait until the import has finished, then change the passphrase.</source>
        <translation>Warten Sie, bis der Import fertig ist, und ändern Sie dann die Passphrase.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The passphrase was changed. Use the new one from now on.</source>
        <translation>Die Passphrase wurde geändert. Verwenden Sie ab jetzt die neue.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../wallet/ui/settings.py" line="-442"/>
        <source>Checking the credentials of those issuers again…</source>
        <translation>Die Nachweise dieser Aussteller werden erneut geprüft…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+20"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wallet file</source>
        <translation>Wallet-Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Another Wallet…</source>
        <translation>Andere Wallet öffnen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wallet</source>
        <translation>Wallet</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Lock after minutes without use</source>
        <translation>Nach Minuten ohne Benutzung sperren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Allow “Check online now” to fetch status lists and issuer keys</source>
        <translation>„Jetzt online prüfen“ darf Statuslisten und Schlüssel der Aussteller abrufen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The wallet never goes online by itself. Verification uses what it already holds unless you press “Check online now”.</source>
        <translation>Die Wallet geht nie von selbst online. Die Prüfung nutzt, was sie schon enthält, außer Sie drücken „Jetzt online prüfen“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Security and privacy</source>
        <translation>Sicherheit und Datenschutz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Lock after:</source>
        <translation>&amp;Sperren nach:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Blockchain explorer for Blockcerts</source>
        <translation>Blockchain-Explorer für Blockcerts</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Where an online check looks up the transaction a Blockcerts certificate is anchored in: an https address with {txid} (and {net} for the network). Empty: the default shown.</source>
        <translation>Wo eine Online-Prüfung die Transaktion nachschlägt, in der ein Blockcerts-Zertifikat verankert ist: eine https-Adresse mit {txid} (und {net} für das Netz). Leer: die angezeigte Voreinstellung.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Blockchain explorer:</source>
        <translation>&amp;Blockchain-Explorer:</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+33"/>
        <source>Trusted issuers</source>
        <translation>Vertrauenswürdige Aussteller</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Issuer id to trust</source>
        <translation>Kennung des Ausstellers, dem vertraut werden soll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer id, e.g. did:web:university.example</source>
        <translation>Kennung des Ausstellers, z. B. did:web:university.example</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name of the issuer (optional)</source>
        <translation>Name des Ausstellers (freiwillig)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its name, e.g. Pukeko Polytechnic</source>
        <translation>Sein Name, z. B. Pukeko Polytechnic</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stacks that name an issuer only by name count its credentials once you have trusted its id under that name.</source>
        <translation>Stapel, die einen Aussteller nur beim Namen nennen, zählen seine Nachweise, sobald Sie seiner Kennung unter diesem Namen vertrauen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Credentials from these issuers are marked as from a trusted issuer.</source>
        <translation>Nachweise dieser Aussteller werden als von einem vertrauenswürdigen Aussteller gekennzeichnet.</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+8"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>System default</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A new language applies the next time the app starts.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start der App.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Language:</source>
        <translation>S&amp;prache:</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>An issuer id is a DID (did:…) or an address (https://…).</source>
        <translation>Die Kennung eines Ausstellers ist eine DID (did:…) oder eine Adresse (https://…).</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Open or create a wallet</source>
        <translation>Wallet öffnen oder anlegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wallets (*.lwallet *.wallet);;All files (*)</source>
        <translation>Wallets (*.lwallet *.wallet);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <location filename="../../wallet/ui/share_dialog.py" line="+53"/>
        <location line="+1"/>
        <location line="+233"/>
        <source>Share credentials</source>
        <translation>Nachweise teilen</translation>
    </message>
    <message>
        <location line="-209"/>
        <source>My holder key</source>
        <translation>Mein Inhaberschlüssel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No holder key to sign with: {why}</source>
        <translation>Kein Inhaberschlüssel zum Signieren: {why}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select one or more credentials to share first.</source>
        <translation>Wählen Sie zuerst einen oder mehrere Nachweise zum Teilen aus.</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+54"/>
        <source>What to show</source>
        <translation>Was gezeigt wird</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Challenge from the employer</source>
        <translation>Challenge des Arbeitgebers</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Domain of the employer</source>
        <translation>Domain des Arbeitgebers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the code the employer gave you (optional)</source>
        <translation>der Code, den Ihnen der Arbeitgeber gegeben hat (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. hr.example (optional)</source>
        <translation>z. B. hr.example (optional)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>How long the code stays valid</source>
        <translation>Wie lange der Code gültig bleibt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Automatic: 10 minutes shown, 7 days saved</source>
        <translation>Automatisch: 10 Minuten angezeigt, 7 Tage gespeichert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>10 minutes</source>
        <translation>10 Minuten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>30 days</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A code shown on screen is checked there and then; a saved proof sheet is checked later, so it lasts longer. After this time the check says it has expired.</source>
        <translation>Ein angezeigter Code wird sofort geprüft; ein gespeichertes Prüfblatt wird später geprüft und gilt deshalb länger. Danach meldet die Prüfung, dass er abgelaufen ist.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Valid for:</source>
        <translation>&amp;Gültig für:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What identifies you</source>
        <translation>Was Sie identifiziert</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+15"/>
        <source>What the employer will see</source>
        <translation>Was der Arbeitgeber sieht</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Show the presentation as sent</source>
        <translation>Die Präsentation so zeigen, wie sie gesendet wird</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Show the presentation as sent (JSON)</source>
        <translation>Die Präsentation so zeigen, wie sie gesendet wird (JSON)</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>What the presentation proves</source>
        <translation>Was die Präsentation belegt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Technical details</source>
        <translation>Technische Einzelheiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Identifiers, dates as written and every field the employer will receive</source>
        <translation>Kennungen, Daten wie geschrieben und jedes Feld, das der Arbeitgeber erhält</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The presentation as sent</source>
        <translation>Die Präsentation, wie sie gesendet wird</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>◀ Previous</source>
        <translation>◀ Zurück</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous QR code</source>
        <translation>Vorheriger QR-Code</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next ▶</source>
        <translation>Weiter ▶</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next QR code</source>
        <translation>Nächster QR-Code</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Which QR code is shown</source>
        <translation>Welcher QR-Code gezeigt wird</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+277"/>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <location line="-277"/>
        <source>Show the codes one after another</source>
        <translation>Die Codes nacheinander zeigen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show each code in turn, so a phone can scan them all without a click</source>
        <translation>Jeden Code der Reihe nach zeigen, damit ein Telefon alle ohne Klick scannen kann</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>About the QR code</source>
        <translation>Über den QR-Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Making the QR code</source>
        <translation>QR-Code wird erstellt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Save SVG…</source>
        <translation>Als SVG speichern…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the QR code as an SVG drawing</source>
        <translation>Den QR-Code als SVG-Grafik speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Make a fresh code</source>
        <translation>Neuen Code erzeugen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign the presentation again, valid from now</source>
        <translation>Die Präsentation neu signieren, gültig ab jetzt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show this to the employer</source>
        <translation>Zeigen Sie dies dem Arbeitgeber</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dialog buttons</source>
        <translation>Dialogschaltflächen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>(nothing)</source>
        <translation>(nichts)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot share this: {why}</source>
        <translation>Kann nicht geteilt werden: {why}</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>QR code {n} of {count}</source>
        <translation>QR-Code {n} von {count}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Code {n} of {count}</source>
        <translation>Code {n} von {count}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One code holds everything</source>
        <translation>Ein Code enthält alles</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>QR version {version}, error correction M.</source>
        <translation>QR-Version {version}, Fehlerkorrektur M.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The employer scans all {count} codes, in any order.</source>
        <translation>Der Arbeitgeber scannt alle {count} Codes, in beliebiger Reihenfolge.</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>Before you share: this tells the employer who you are. It shows {what}.</source>
        <translation>Bevor Sie teilen: Dies verrät dem Arbeitgeber, wer Sie sind. Gezeigt wird: {what}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>PNG pictures (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG-Grafiken (*.svg)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Save the QR code</source>
        <translation>QR-Code speichern</translation>
    </message>
    <message>
        <location line="-374"/>
        <source>Save proof sheet…</source>
        <translation>Prüfblatt speichern…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save a proof sheet (PDF or PNG)</source>
        <translation>Ein Prüfblatt speichern (PDF oder PNG)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>One page to print or send: the codes, labelled, what they prove, until when and how to check them</source>
        <translation>Eine Seite zum Drucken oder Versenden: die Codes mit Beschriftung, was sie belegen, bis wann und wie man sie prüft</translation>
    </message>
    <message>
        <location line="+232"/>
        <source>This code does not expire: the issuer bound the credential to no key of yours.</source>
        <translation>Dieser Code läuft nicht ab: Der Aussteller hat den Nachweis an keinen Ihrer Schlüssel gebunden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Valid until {time} (10 minutes, for showing now); a saved proof sheet is valid for 7 days.</source>
        <translation>Gültig bis {time} (10 Minuten, zum sofortigen Vorzeigen); ein gespeichertes Prüfblatt gilt 7 Tage.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Valid until {time}, shown or saved.</source>
        <translation>Gültig bis {time}, angezeigt oder gespeichert.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save a proof sheet</source>
        <translation>Ein Prüfblatt speichern</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Could not save {path}: {why}</source>
        <translation>{path} konnte nicht gespeichert werden: {why}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved {files}.</source>
        <translation>Gespeichert: {files}.</translation>
    </message>
</context>
<context>
    <name>SharesDialog</name>
    <message>
        <location filename="../../wallet/ui/shares_dialog.py" line="+25"/>
        <source>History of Sharing</source>
        <translation>Verlauf des Teilens</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What was shown to which verifier</source>
        <translation>Was welchem Prüfer gezeigt wurde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing shared yet</source>
        <translation>Noch nichts geteilt</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Name it gave:</source>
        <translation>Angegebener Name:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(it gave no name)</source>
        <translation>(gab keinen Namen an)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proven by:</source>
        <translation>Belegt durch:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer went to:</source>
        <translation>Antwort ging an:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why it asked:</source>
        <translation>Warum er fragte:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(it gave no reason)</source>
        <translation>(gab keinen Grund an)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What it saw:</source>
        <translation>Was er sah:</translation>
    </message>
</context>
<context>
    <name>StacksView</name>
    <message>
        <location filename="../../wallet/ui/stacks_view.py" line="+357"/>
        <source>Stacks</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+2"/>
        <source>Stacks and goals</source>
        <translation>Stapel und Ziele</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New goal…</source>
        <translation>Neues Ziel…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New goal</source>
        <translation>Neues Ziel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set your own goal: a credit total or particular credentials</source>
        <translation>Ein eigenes Ziel setzen: eine Credit-Summe oder bestimmte Nachweise</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No stacks yet. Import a pathway (File → Import Stack…) or build your own goal.</source>
        <translation>Noch keine Stapel. Importieren Sie einen Weg (Datei → Stapel importieren…) oder legen Sie ein eigenes Ziel an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No stacks yet</source>
        <translation>Noch keine Stapel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stacks, closest to complete first</source>
        <translation>Stapel, die fast erreichten zuerst</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Stack name</source>
        <translation>Name des Stapels</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Award</source>
        <translation>Abschluss</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Requirements</source>
        <translation>Anforderungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requirement</source>
        <translation>Anforderung</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Requirement tree columns</source>
        <translation>Spalten des Anforderungsbaums</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>How to open a credential</source>
        <translation>So öffnen Sie einen Nachweis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Double-click a credential, or select it and press Enter, to open it.</source>
        <translation>Doppelklicken Sie auf einen Nachweis oder wählen Sie ihn aus und drücken Sie die Eingabetaste, um ihn zu öffnen.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>{pct}% · {mark} unconfirmed</source>
        <translation>{pct} % · {mark} unbestätigt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>satisfied</source>
        <translation>erfüllt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{pct} percent</source>
        <translation>{pct} Prozent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>more rests on issuers you have not confirmed</source>
        <translation>weiteres beruht auf Ausstellern, die Sie nicht bestätigt haben</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Satisfied: every requirement is met.</source>
        <translation>Erfüllt: Jede Anforderung ist erfüllt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{pct}% of the way; 1 requirement still open.</source>
        <translation>{pct} % des Weges; 1 Anforderung noch offen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{pct}% of the way; {n} requirements still open.</source>
        <translation>{pct} % des Weges; {n} Anforderungen noch offen.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>{met} of {total} requirements met; 1 more rests on an issuer you have not confirmed.</source>
        <translation>{met} von {total} Anforderungen erfüllt; 1 weitere beruht auf einem Aussteller, den Sie nicht bestätigt haben.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{met} of {total} requirements met; {more} more rest on issuers you have not confirmed.</source>
        <translation>{met} von {total} Anforderungen erfüllt; {more} weitere beruhen auf Ausstellern, die Sie nicht bestätigt haben.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{pct}% once you confirm the issuers some of your credentials come from.</source>
        <translation>{pct} %, sobald Sie die Aussteller einiger Ihrer Nachweise bestätigen.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>met</source>
        <translation>erfüllt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not met</source>
        <translation>nicht erfüllt</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Missing: {what}</source>
        <translation>Fehlt: {what}</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+42"/>
        <source>Credential {id}</source>
        <translation>Nachweis {id}</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>counts {credits}</source>
        <translation>zählt {credits}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>counts {n} {unit}</source>
        <translation>zählt {n} {unit}</translation>
    </message>
    <message>
        <location line="-653"/>
        <location line="+23"/>
        <location line="+50"/>
        <location line="+581"/>
        <source>credits</source>
        <translation>Credits</translation>
    </message>
    <message>
        <location line="-667"/>
        <source>{framework} level {level}</source>
        <translation>{framework}-Stufe {level}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Level {level}</source>
        <translation>Stufe {level}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>All of these</source>
        <translation>Alle diese</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any one of these</source>
        <translation>Eines davon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} of these</source>
        <translation>{n} davon</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{credits} at {level} or above</source>
        <translation>{credits} auf {level} oder höher</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{credits}, in {field}</source>
        <translation>{credits}, in {field}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>An achievement</source>
        <translation>Eine Leistung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{what} from {issuer}</source>
        <translation>{what} von {issuer}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A credential in {field}</source>
        <translation>Ein Nachweis in {field}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} credentials in {field}</source>
        <translation>{n} Nachweise in {field}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A credential with the skill {skill}</source>
        <translation>Ein Nachweis mit der Fähigkeit {skill}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} credentials with the skill {skill}</source>
        <translation>{n} Nachweise mit der Fähigkeit {skill}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Credentials in a field</source>
        <translation>Nachweise in einem Fachgebiet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The stack {id}</source>
        <translation>Der Stapel {id}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{earned} {unit} ({needed} needed)</source>
        <translation>{earned} {unit} ({needed} nötig)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{earned} of {needed} {unit}</source>
        <translation>{earned} von {needed} {unit}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{progress}; {more} more rest on issuers you have not confirmed</source>
        <translation>{progress}; {more} weitere beruhen auf Ausstellern, die Sie nicht bestätigt haben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not yet: rests on an issuer you have not confirmed</source>
        <translation>Noch nicht: beruht auf einem Aussteller, den Sie nicht bestätigt haben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{done} of {total} done</source>
        <translation>{done} von {total} erledigt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{done} of {n} done</source>
        <translation>{done} von {n} erledigt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not yet earned</source>
        <translation>Noch nicht erworben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{pct}% done</source>
        <translation>{pct} % erledigt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not yet</source>
        <translation>Noch nicht</translation>
    </message>
    <message>
        <location line="+240"/>
        <source>How the percentage comes about</source>
        <translation>Wie der Prozentwert zustande kommt</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Satisfied</source>
        <translation>Erfüllt</translation>
    </message>
    <message>
        <location line="+215"/>
        <source>counts</source>
        <translation>zählt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not yet verified</source>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{title}, {counts}; press Enter to open</source>
        <translation>{title}, {counts}; zum Öffnen Eingabetaste drücken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{title}
Double-click to open it.</source>
        <translation>{title}
Zum Öffnen doppelklicken.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This credential counts, but has not been verified yet. Check it to be sure it holds.</source>
        <translation>Dieser Nachweis zählt, ist aber noch nicht geprüft. Prüfen Sie ihn, um sicherzugehen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>does not count yet: {why}</source>
        <translation>zählt noch nicht: {why}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>does not count: {why}</source>
        <translation>zählt nicht: {why}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waits for its issuer</source>
        <translation>wartet auf seinen Aussteller</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>does not count</source>
        <translation>zählt nicht</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{title}, {status}; press Enter to open</source>
        <translation>{title}, {status}; zum Öffnen Eingabetaste drücken</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../wallet/ui/workers.py" line="+145"/>
        <source>Something went wrong in the background; details are in the log.</source>
        <translation>Im Hintergrund ist etwas schiefgegangen; Einzelheiten stehen im Protokoll.</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <location filename="../../wallet/ui/trust_dialog.py" line="+64"/>
        <source>Trust this issuer</source>
        <translation>Diesem Aussteller vertrauen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Trust the issuer of “{title}”?</source>
        <translation>Dem Aussteller von „{title}“ vertrauen?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>“{name}” (as the issuer calls itself)</source>
        <translation>„{name}“ (so nennt sich der Aussteller selbst)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The issuer gives no name</source>
        <translation>Der Aussteller nennt keinen Namen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+4"/>
        <source>Identifier</source>
        <translation>Kennung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How it is confirmed</source>
        <translation>Wie sie bestätigt ist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirmed by</source>
        <translation>Bestätigt durch</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>Registry</source>
        <translation>Verzeichnis</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Credentials from this issuer will show as verified when every other check passes. You can remove it again in Settings.</source>
        <translation>Nachweise dieses Ausstellers werden als verifiziert angezeigt, wenn alle anderen Prüfungen bestanden sind. Sie können ihn in den Einstellungen wieder entfernen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Trust</source>
        <translation>Vertrauen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Trusting the issuer…</source>
        <translation>Aussteller wird als vertrauenswürdig eingetragen…</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../wallet/ui/unlock.py" line="+49"/>
        <location line="+88"/>
        <source>Create a wallet</source>
        <translation>Wallet anlegen</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Unlock wallet</source>
        <translation>Wallet entsperren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Welcome to Learner Wallet. It keeps your badges and micro-credentials on this computer, encrypted with a passphrase only you know. How would you like to start?</source>
        <translation>Willkommen bei Learner Wallet. Sie bewahrt Ihre Badges und Microcredentials auf diesem Computer auf, verschlüsselt mit einer Passphrase, die nur Sie kennen. Wie möchten Sie beginnen?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the passphrase of this wallet.</source>
        <translation>Geben Sie die Passphrase dieser Wallet ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wallet file</source>
        <translation>Wallet-Datei</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Repeat passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+122"/>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>Error message</source>
        <translation>Fehlermeldung</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+145"/>
        <source>Create</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Keep it safe: a forgotten passphrase cannot be recovered, and nobody can open the wallet without it.</source>
        <translation>Bewahren Sie sie sicher auf: Eine vergessene Passphrase lässt sich nicht wiederherstellen, und ohne sie kann niemand die Wallet öffnen.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Start an empty wallet protected by a new passphrase</source>
        <translation>Eine leere Wallet anlegen, geschützt durch eine neue Passphrase</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore from a backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bring back the credentials of a .lwbackup file into a new wallet</source>
        <translation>Die Nachweise einer .lwbackup-Datei in eine neue Wallet zurückholen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Try the demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look around a wallet of sample credentials; nothing is saved here</source>
        <translation>Eine Wallet mit Beispiel-Nachweisen erkunden; hier wird nichts gespeichert</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Backup file</source>
        <translation>Sicherungsdatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A .lwbackup file</source>
        <translation>Eine .lwbackup-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hoose…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the backup file</source>
        <translation>Sicherungsdatei auswählen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Backup file:</source>
        <translation>&amp;Sicherungsdatei:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup passphrase</source>
        <translation>Passphrase der Sicherung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup &amp;passphrase:</source>
        <translation>&amp;Passphrase der Sicherung:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The new wallet gets its own passphrase: {rule}</source>
        <translation>Die neue Wallet erhält eine eigene Passphrase: {rule}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New wallet passphrase</source>
        <translation>Passphrase der neuen Wallet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New wallet passphrase:</source>
        <translation>Passphrase der &amp;neuen Wallet:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Repeat new wallet passphrase</source>
        <translation>Passphrase der neuen Wallet wiederholen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The demo opens a separate wallet filled with sample credentials, signed by a demo issuer: look around, share, export and check them. Nothing you do there reaches a wallet of your own, and the demo starts afresh each time.</source>
        <translation>Die Demo öffnet eine eigene Wallet mit Beispiel-Nachweisen, signiert von einem Demo-Aussteller: Sehen Sie sich um, teilen, exportieren und prüfen Sie sie. Nichts davon erreicht eine eigene Wallet, und die Demo beginnt jedes Mal neu.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open the demo</source>
        <translation>Demo öffnen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Were you given a QR code, a proof sheet or a credential file to check? You do not need a wallet for that.</source>
        <translation>Haben Sie einen QR-Code, einen Nachweisbogen oder eine Nachweis-Datei zum Prüfen bekommen? Dafür brauchen Sie keine Wallet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checking without a wallet</source>
        <translation>Prüfen ohne Wallet</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>Check a credential (no wallet needed)</source>
        <translation>Nachweis prüfen (ohne Wallet)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verify someone else&apos;s credential or presentation; no passphrase is asked</source>
        <translation>Den Nachweis oder die Präsentation einer anderen Person prüfen; es wird keine Passphrase verlangt</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Enter a passphrase.</source>
        <translation>Geben Sie eine Passphrase ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+51"/>
        <source>The two passphrases do not match. Type them again.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein. Bitte erneut eingeben.</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Wrong passphrase or not a wallet file.</source>
        <translation>Falsche Passphrase oder keine Wallet-Datei.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose the backup file to restore.</source>
        <translation>Wählen Sie die Sicherungsdatei aus, die wiederhergestellt werden soll.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the backup&apos;s passphrase.</source>
        <translation>Geben Sie die Passphrase der Sicherung ein.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The backup file could not be read: {problem}</source>
        <translation>Die Sicherungsdatei konnte nicht gelesen werden: {problem}</translation>
    </message>
</context>
<context>
    <name>VerifyQrWindow</name>
    <message>
        <location filename="../../wallet/ui/verify_qr_window.py" line="+84"/>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject identifier (the learner)</source>
        <translation>Kennung des Subjekts (der lernenden Person)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued at</source>
        <translation>Ausgestellt am</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credential type</source>
        <translation>Art des Nachweises</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holder key (the learner)</source>
        <translation>Schlüssel des Inhabers (der lernenden Person)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+753"/>
        <source>Revocation status</source>
        <translation>Widerrufsstatus</translation>
    </message>
    <message>
        <location line="-752"/>
        <source>Credential ID</source>
        <translation>Nachweis-ID</translation>
    </message>
    <message>
        <location line="+205"/>
        <source>Verify a QR code</source>
        <translation>QR-Code prüfen</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Take screenshot</source>
        <translation>Bildschirmfoto aufnehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read a QR code shown on the screen</source>
        <translation>Einen auf dem Bildschirm gezeigten QR-Code lesen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start over</source>
        <translation>Neu beginnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Forget the codes read so far</source>
        <translation>Die bisher gelesenen Codes verwerfen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Expected challenge</source>
        <translation>Erwartete Challenge</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expected domain</source>
        <translation>Erwartete Domain</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the code you gave the learner (optional)</source>
        <translation>der Code, den Sie der lernenden Person gegeben haben (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>who it must be for, e.g. hr.example (optional)</source>
        <translation>für wen sie bestimmt sein muss, z. B. hr.example (optional)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>What happened</source>
        <translation>Was passiert ist</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Checking</source>
        <translation>Prüfung läuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overall verdict</source>
        <translation>Gesamtergebnis</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+18"/>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>What the presentation proves</source>
        <translation>Was die Präsentation belegt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the presentation reveals</source>
        <translation>Was die Präsentation offenlegt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Technical details</source>
        <translation>Technische Einzelheiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Identifiers, dates as written and every field the presentation reveals</source>
        <translation>Kennungen, Daten wie geschrieben und jedes Feld, das die Präsentation offenlegt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What it proves</source>
        <translation>Was belegt wird</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Copy as JSON</source>
        <translation>Als JSON kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the verification result as JSON</source>
        <translation>Das Prüfergebnis als JSON kopieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close this window</source>
        <translation>Dieses Fenster schließen</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>No QR code was found: the screen could not be captured.</source>
        <translation>Kein QR-Code gefunden: Der Bildschirm konnte nicht aufgenommen werden.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Still checking the last codes; wait a moment.</source>
        <translation>Die letzten Codes werden noch geprüft; bitte einen Moment warten.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Reading and checking…</source>
        <translation>Wird gelesen und geprüft…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{count} code(s) read, but the presentation is not complete yet: {why}. Add the other code(s).</source>
        <translation>{count} Code(s) gelesen, aber die Präsentation ist noch nicht vollständig: {why}. Fügen Sie die übrigen Codes hinzu.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Codes forgotten. Open, paste or capture the next one.</source>
        <translation>Codes verworfen. Öffnen Sie den nächsten, fügen Sie ihn ein oder nehmen Sie ihn per Bildschirmfoto auf.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>{mark} {sentence}</source>
        <translation>{mark} {sentence}</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Read {parts} QR code(s); checked offline at {at}.</source>
        <translation>{parts} QR-Code(s) gelesen; offline geprüft, Stand: {at}.</translation>
    </message>
    <message>
        <location line="-521"/>
        <source>QR code pictures and credentials (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.json *.jsonld *.jwt *.jws *.sd-jwt *.txt *.svg);;All files (*)</source>
        <translation>QR-Code-Bilder und Nachweise (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.json *.jsonld *.jwt *.jws *.sd-jwt *.txt *.svg);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>Check a credential</source>
        <translation>Nachweis prüfen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Open file…</source>
        <translation>Datei öffnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+124"/>
        <source>Open QR code pictures or credential files</source>
        <translation>QR-Code-Bilder oder Nachweis-Dateien öffnen</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>Paste a QR code picture, its text, or a credential</source>
        <translation>Ein QR-Code-Bild, seinen Text oder einen Nachweis einfügen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Open a picture of a presentation QR code or proof sheet, or a credential file; paste one (Ctrl+V); or show a code on the screen and take a screenshot. Everything is checked on this computer.</source>
        <translation>Öffnen Sie das Bild eines Präsentations-QR-Codes oder Nachweisbogens oder eine Nachweis-Datei, fügen Sie sie ein (Strg+V) oder zeigen Sie einen Code auf dem Bildschirm und nehmen Sie ein Bildschirmfoto auf. Alles wird auf diesem Computer geprüft.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No trusted issuers are set up here: the issuer is named but not confirmed. Nothing is fetched from the internet, so what needs the issuer&apos;s website (a revocation list, a hosted badge) shows as not checked.</source>
        <translation>Hier sind keine vertrauenswürdigen Aussteller eingerichtet: Der Aussteller wird genannt, aber nicht bestätigt. Aus dem Internet wird nichts abgerufen; was die Website des Ausstellers braucht (eine Widerrufsliste, ein gehostetes Badge), erscheint daher als nicht geprüft.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Without a wallet</source>
        <translation>Ohne Wallet</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>The clipboard holds no picture and no text. Copy the QR code&apos;s image, the text your phone read from it, or a credential, first.</source>
        <translation>Die Zwischenablage enthält weder ein Bild noch Text. Kopieren Sie zuerst das Bild des QR-Codes, den Text, den Ihr Telefon daraus gelesen hat, oder einen Nachweis.</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>Checked the presentation offline at {at}.</source>
        <translation>Die Präsentation wurde offline geprüft, Stand: {at}.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Checked {count} credentials offline at {at}.</source>
        <translation>{count} Nachweise wurden offline geprüft, Stand: {at}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checked {name} offline at {at}.</source>
        <translation>{name} wurde offline geprüft, Stand: {at}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checked the pasted credential offline at {at}.</source>
        <translation>Der eingefügte Nachweis wurde offline geprüft, Stand: {at}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A credential on its own does not show who is handing it to you: ask the learner for a presentation QR code to know that it is theirs.</source>
        <translation>Ein Nachweis allein zeigt nicht, wer ihn Ihnen gibt: Bitten Sie die lernende Person um einen Präsentations-QR-Code, um zu wissen, dass es ihrer ist.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Issuers were judged against this wallet&apos;s trusted issuers and its cached status lists.</source>
        <translation>Die Aussteller wurden anhand der vertrauenswürdigen Aussteller dieser Wallet und ihrer zwischengespeicherten Statuslisten beurteilt.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>(nothing readable)</source>
        <translation>(nichts Lesbares)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not confirmed: no trusted issuers are set up here</source>
        <translation>nicht bestätigt: Hier sind keine vertrauenswürdigen Aussteller eingerichtet</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Verified: authentic, presented by the learner it was issued to</source>
        <translation>Verifiziert: echt, vorgelegt von der lernenden Person, für die der Nachweis ausgestellt wurde</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <location line="+7"/>
        <source>Authentic, with a warning (see the checks below)</source>
        <translation>Echt, mit einer Warnung (siehe die Prüfungen unten)</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Failed: do not rely on this presentation</source>
        <translation>Fehlgeschlagen: Verlassen Sie sich nicht auf diese Präsentation</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <location line="+2"/>
        <source>Could not be checked</source>
        <translation>Konnte nicht geprüft werden</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Verified: all of them authentic and unchanged</source>
        <translation>Verifiziert: alle echt und unverändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed: do not rely on the ones marked failed</source>
        <translation>Fehlgeschlagen: Verlassen Sie sich nicht auf die als fehlgeschlagen markierten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not all of them could be checked</source>
        <translation>Nicht alle konnten geprüft werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verified: authentic and unchanged since it was issued</source>
        <translation>Verifiziert: echt und seit der Ausstellung unverändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed: do not rely on this credential</source>
        <translation>Fehlgeschlagen: Verlassen Sie sich nicht auf diesen Nachweis</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The presentation</source>
        <translation>Die Präsentation</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Credential: {title}</source>
        <translation>Nachweis: {title}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Bound to the credential subject</source>
        <translation>An das Subjekt des Nachweises gebunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freshness</source>
        <translation>Aktualität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Challenge and domain</source>
        <translation>Challenge und Domain</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>not checked</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Holder&apos;s signature</source>
        <translation>Signatur des Inhabers</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>; made for {domain}</source>
        <translation>; erstellt für {domain}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>presented by the learner the credentials were issued to</source>
        <translation>vorgelegt von der lernenden Person, für die die Nachweise ausgestellt wurden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>made {created}, valid until {expires}</source>
        <translation>erstellt am {created}, gültig bis {expires}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>answers your challenge “{challenge}”</source>
        <translation>beantwortet Ihre Challenge „{challenge}“</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no challenge was given to compare: anyone holding these codes could show them again until they expire</source>
        <translation>keine Challenge zum Vergleich angegeben: Wer diese Codes hat, könnte sie bis zu ihrem Ablauf erneut vorzeigen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Issuer&apos;s signature</source>
        <translation>Signatur des Ausstellers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key belongs to the issuer</source>
        <translation>Schlüssel gehört zum Aussteller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validity dates</source>
        <translation>Gültigkeitszeitraum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trusted issuer</source>
        <translation>Vertrauenswürdiger Aussteller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Badges 3.0 fields</source>
        <translation>Felder nach Open Badges 3.0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vocabulary</source>
        <translation>Vokabular</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holder binding, freshness and challenge</source>
        <translation>Inhaberbindung, Aktualität und Challenge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Holder binding</source>
        <translation>Inhaberbindung</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The result was copied as JSON.</source>
        <translation>Das Ergebnis wurde als JSON kopiert.</translation>
    </message>
    <message>
        <location filename="../../wallet/ui/widgets.py" line="+250"/>
        <source>&amp;Challenge:</source>
        <translation>&amp;Challenge:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Domain:</source>
        <translation>&amp;Domain:</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../wallet/ui/crash.py" line="+62"/>
        <location line="+14"/>
        <location filename="../../wallet/ui/i18n.py" line="+4"/>
        <source>Learner Wallet</source>
        <translation>Learner Wallet</translation>
    </message>
    <message>
        <location line="-9"/>
        <location filename="../../wallet/ui/i18n.py" line="+1"/>
        <source>Something went wrong; details were written to {path}</source>
        <translation>Etwas ist schiefgegangen; Einzelheiten wurden nach {path} geschrieben</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../wallet/ui/i18n.py" line="+1"/>
        <source>Something went wrong, and the details could not be written to a log file ({reason}).</source>
        <translation>Etwas ist schiefgegangen, und die Einzelheiten konnten nicht in eine Protokolldatei geschrieben werden ({reason}).</translation>
    </message>
</context>
<context>
    <name>format</name>
    <message>
        <location filename="../../wallet/ui/i18n.py" line="-11"/>
        <location filename="../../wallet/ui/models.py" line="-26"/>
        <source>Open Badges 3.0</source>
        <translation>Open Badges 3.0</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/ui/models.py" line="+1"/>
        <source>Open Badges 2.0</source>
        <translation>Open Badges 2.0</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/ui/models.py" line="+1"/>
        <source>CLR 2.0</source>
        <translation>CLR 2.0</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/ui/models.py" line="+1"/>
        <source>Verifiable Credential</source>
        <translation>Verifizierbarer Nachweis</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/ui/models.py" line="+1"/>
        <source>SD-JWT VC</source>
        <translation>SD-JWT VC</translation>
    </message>
</context>
<context>
    <name>kind</name>
    <message>
        <location filename="../../wallet/ui/models.py" line="+4"/>
        <source>Micro-credential</source>
        <translation>Microcredential</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Badge</source>
        <translation>Badge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLR bundle</source>
        <translation>CLR-Paket</translation>
    </message>
</context>
<context>
    <name>verdict</name>
    <message>
        <location line="+5"/>
        <source>Verified</source>
        <translation>Verifiziert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not checked yet</source>
        <translation>Noch nicht geprüft</translation>
    </message>
</context>
</TS>
