import { explain, type ExplanationTable } from './explanation';

/** IMAP response codes (RFC 3501, 5530, 4315) and the bare NO and BAD answers. */
export const imapExplanations: ExplanationTable = {
  NO: explain('The IMAP server refused the command.', 'Read the server’s words below.', 'Der IMAP-Server hat den Befehl abgelehnt.', 'Lesen Sie die Worte des Servers unten.'),
  BAD: explain('The IMAP server did not understand a command.', 'Open the protocol log; report it if it repeats.', 'Der IMAP-Server hat einen Befehl nicht verstanden.', 'Öffnen Sie das Protokoll; melden Sie es, wenn es wiederkehrt.'),
  AUTHENTICATIONFAILED: explain('The IMAP server did not accept the user name or password.', 'Check both; some providers need an app password.', 'Der IMAP-Server hat Benutzername oder Passwort nicht angenommen.', 'Prüfen Sie beides; manche Anbieter verlangen ein App-Passwort.'),
  AUTHORIZATIONFAILED: explain('You logged in, but may not use this mailbox.', 'Check the user name; ask the provider.', 'Die Anmeldung klappte, aber dieses Postfach dürfen Sie nicht nutzen.', 'Prüfen Sie den Benutzernamen; fragen Sie den Anbieter.'),
  EXPIRED: explain('The password or account has expired.', 'Renew the password with your provider.', 'Passwort oder Konto ist abgelaufen.', 'Erneuern Sie das Passwort beim Anbieter.'),
  PRIVACYREQUIRED: explain('The server wants an encrypted connection for this.', 'Use TLS (993) or STARTTLS (143).', 'Der Server verlangt dafür eine verschlüsselte Verbindung.', 'Nutzen Sie TLS (993) oder STARTTLS (143).'),
  CONTACTADMIN: explain('The server asks you to contact its administrator.', 'Contact your provider.', 'Der Server bittet, den Administrator zu kontaktieren.', 'Wenden Sie sich an Ihren Anbieter.'),
  UNAVAILABLE: explain('The mail server is temporarily unavailable.', 'Postbote tries again later.', 'Der Mailserver ist vorübergehend nicht verfügbar.', 'Postbote versucht es später erneut.'),
  NOPERM: explain('You lack the permission for this on the server.', 'Ask the folder’s owner or your provider.', 'Dafür fehlt Ihnen die Berechtigung auf dem Server.', 'Fragen Sie den Besitzer des Ordners oder den Anbieter.'),
  INUSE: explain('Another program is using this mailbox right now.', 'Postbote tries again later.', 'Ein anderes Programm nutzt dieses Postfach gerade.', 'Postbote versucht es später erneut.'),
  EXPUNGEISSUED: explain('Another client deleted messages meanwhile.', 'Nothing to do: Postbote catches up at the next sync.', 'Ein anderes Programm hat inzwischen Nachrichten gelöscht.', 'Nichts zu tun: Postbote gleicht beim nächsten Abgleich ab.'),
  CORRUPTION: explain('The server found damaged data in this mailbox.', 'Tell your provider.', 'Der Server fand beschädigte Daten in diesem Postfach.', 'Informieren Sie Ihren Anbieter.'),
  SERVERBUG: explain('The server hit an internal error.', 'Try later; tell your provider if it repeats.', 'Der Server hatte einen internen Fehler.', 'Später erneut; bei Wiederholung den Anbieter informieren.'),
  CLIENTBUG: explain('The server says Postbote sent something wrong.', 'Please report it with the protocol log.', 'Der Server meldet einen Fehler von Postbote.', 'Bitte melden Sie es mit dem Protokoll.'),
  CANNOT: explain('The server cannot do this, ever (e.g. a forbidden folder name).', 'Choose another name or action.', 'Der Server kann das grundsätzlich nicht (z. B. verbotener Ordnername).', 'Wählen Sie einen anderen Namen oder eine andere Aktion.'),
  LIMIT: explain('A server limit was reached (too many messages or folders at once).', 'Do it in smaller steps.', 'Ein Serverlimit wurde erreicht (zu viele Nachrichten oder Ordner auf einmal).', 'Erledigen Sie es in kleineren Schritten.'),
  OVERQUOTA: explain('The mailbox on the server is full.', 'Delete or archive mail, or buy more space.', 'Das Postfach auf dem Server ist voll.', 'Löschen oder archivieren Sie Post, oder erweitern Sie den Speicher.'),
  ALREADYEXISTS: explain('A folder with that name exists already.', 'Choose another name.', 'Einen Ordner mit diesem Namen gibt es schon.', 'Wählen Sie einen anderen Namen.'),
  NONEXISTENT: explain('That folder does not exist on the server.', 'Refresh the folder list.', 'Diesen Ordner gibt es auf dem Server nicht.', 'Aktualisieren Sie die Ordnerliste.'),
  TRYCREATE: explain('The target folder does not exist on the server.', 'Create the folder first.', 'Der Zielordner existiert auf dem Server nicht.', 'Legen Sie den Ordner zuerst an.'),
  ALERT: explain('The server has a message for you that it asks to be shown.', 'Read the server’s words below.', 'Der Server hat eine Mitteilung, die gezeigt werden soll.', 'Lesen Sie die Worte des Servers unten.'),
};

/** POP3 `-ERR` and its RFC 2449 / RFC 3206 response codes. */
export const pop3Explanations: ExplanationTable = {
  '-ERR': explain('The POP3 server refused the command.', 'Read the server’s words below.', 'Der POP3-Server hat den Befehl abgelehnt.', 'Lesen Sie die Worte des Servers unten.'),
  'IN-USE': explain('Another program is checking this POP3 mailbox right now.', 'Close the other program, or wait; Postbote tries again later.', 'Ein anderes Programm ruft dieses POP3-Postfach gerade ab.', 'Schließen Sie das andere Programm oder warten Sie; Postbote versucht es später.'),
  'LOGIN-DELAY': explain('The server allows only a few logins per time.', 'Check less often (the account’s schedule).', 'Der Server erlaubt nur wenige Anmeldungen pro Zeit.', 'Rufen Sie seltener ab (Zeitplan des Kontos).'),
  'SYS/TEMP': explain('The POP3 server has a temporary problem.', 'Postbote tries again later.', 'Der POP3-Server hat ein vorübergehendes Problem.', 'Postbote versucht es später erneut.'),
  'SYS/PERM': explain('The POP3 server has a lasting problem with this mailbox.', 'Tell your provider.', 'Der POP3-Server hat ein dauerhaftes Problem mit diesem Postfach.', 'Informieren Sie Ihren Anbieter.'),
  AUTH: explain('The POP3 server did not accept the user name or password.', 'Check both; some providers need an app password.', 'Der POP3-Server hat Benutzername oder Passwort nicht angenommen.', 'Prüfen Sie beides; manche Anbieter verlangen ein App-Passwort.'),
};
