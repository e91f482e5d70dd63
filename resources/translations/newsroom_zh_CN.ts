<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/gui/app.py" line="+51"/>
        <source>Cannot open the database</source>
        <extracomment>The setting holding the database file the window moved to last (the office&apos;s own).</extracomment>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newsroom could not open its database.

%1</source>
        <translation>新闻编辑室无法打开数据库。

%1</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Newsroom is already open</source>
        <translation>新闻编辑室已经打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newsroom is already open for this server on this PC. Carry on in that window: the edits it keeps on this PC are its own, and a second window would save or lose them.</source>
        <translation>本机已有一个新闻编辑室窗口打开了这个服务器。请在那个窗口里继续工作：它在本机暂存的修改归它所有，再开一个窗口会把这些修改保存错或弄丢。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Network folder: this PC only</source>
        <translation>网络文件夹：仅限本机使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database lies on a network folder. Two PCs working on one database file there would damage it, so Newsroom keeps it for this PC while it is open: another PC that opens it is told who has it. For several PCs at once, move the database to a PostgreSQL server (team mode, see the README).</source>
        <translation>数据库位于网络文件夹。两台电脑同时使用那里的同一个数据库文件会损坏它，所以新闻编辑室打开它期间只供本机使用：其他电脑打开时会被告知由谁在使用。如需多台电脑同时工作，请把数据库迁到 PostgreSQL 服务器上（团队模式，见 README）。</translation>
    </message>
    <message>
        <location line="+231"/>
        <source>Restore failed</source>
        <extracomment>The window now showing (after a move to another database). Signals that ask Newsroom to stop: a normal end, so the text is saved and the window closes.</extracomment>
        <translation>恢复失败</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup was restored. The database it replaced was kept as %1.</source>
        <translation>备份已恢复。被替换的数据库已保留为 %1。</translation>
    </message>
</context>
<context>
    <name>ArticleForm</name>
    <message>
        <location filename="../../desktop/gui/article_form.py" line="+84"/>
        <location filename="../../desktop/gui/labels.py" line="+13"/>
        <source>Title</source>
        <extracomment>The labels declared with the article&apos;s fields (desktop/article.py), listed here so that lupdate collects them; the form, the history and the checks translate them in this context.</extracomment>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Subtitle, often starting with ——</source>
        <translation>副标题，常以“——”开头</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Above the title (optional)</source>
        <translation>标题上方的引题（可选）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pick or type</source>
        <translation>选择或输入栏目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department or author</source>
        <translation>供稿部门或作者</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop/gui/labels.py" line="+6"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The status follows the sign-off below (三审三校).</source>
        <translation>状态随下方的审签流程（三审三校）变化，不能直接修改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No picture</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert a picture and choose it as the cover</source>
        <translation>插入图片后可将其设为标题图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Separated by commas</source>
        <translation>关键词，以逗号分隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Summary shown in lists and search results</source>
        <translation>摘要，显示在列表和搜索结果中</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/labels.py" line="-4"/>
        <source>Kicker</source>
        <translation>引题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Column</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cover</source>
        <translation>标题图</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>ArticleHtml</name>
    <message>
        <location filename="../../desktop/gui/dialogs.py" line="+721"/>
        <source>Export this article</source>
        <translation>导出本篇稿件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Web pages (*.html *.htm)</source>
        <translation>网页（*.html *.htm）</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/article_html.py" line="+160"/>
        <source>Cannot export the article</source>
        <translation>无法导出稿件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The page could not be made: %1</source>
        <translation>无法生成页面：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ArticleListPane</name>
    <message>
        <location filename="../../desktop/gui/article_list.py" line="+93"/>
        <source>Search title, body, byline…</source>
        <extracomment>Pause in typing after which the search runs: one query per word, not per keystroke. After a sort or filter change, fetch at most this many rows to keep the current article. The user moved to another article (click or keyboard); carries its id. The user asked for a new article. The user asked to duplicate the article with this id. The user asked to delete the article with this id. Files (Word or Markdown) were dropped on the list to be imported. &quot;Waiting for me&quot; was switched on or off (the window answers with ``set_waiting``).</extracomment>
        <translation>搜索标题、正文、作者…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+103"/>
        <source>All columns</source>
        <translation>全部栏目</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>New Article</source>
        <translation>新建稿件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message numerus="yes">
        <location line="+190"/>
        <source>Waiting for me: %Ln</source>
        <translation>
            <numerusform>待我审核：%Ln</numerusform>
        </translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Articles: …</source>
        <translation>共 … 篇</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Articles: %Ln</source>
        <translation>
            <numerusform>共 %Ln 篇</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticlePrinting</name>
    <message>
        <location filename="../../desktop/gui/article_printing.py" line="+144"/>
        <source>Preparing the page…</source>
        <extracomment>The resolution pages are sent to the printer at. The steps a print or a PDF goes through, for the progress shown. done, total, what is being done (for the status bar). The PDF was written at this path. The page went to the printer. Rendering, laying out or writing failed; the message is for the user. A print or a PDF is under way (True) or over (False).</extracomment>
        <translation>正在准备页面…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Laying out the page on A4…</source>
        <translation>正在按 A4 纸排版…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/dialogs.py" line="+9"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Print the article</source>
        <translation>打印文章</translation>
    </message>
</context>
<context>
    <name>ArticleSession</name>
    <message>
        <location filename="../../desktop/gui/article_session.py" line="+370"/>
        <location line="+88"/>
        <location line="+6"/>
        <location line="+131"/>
        <source>Cannot save</source>
        <extracomment>How many articles a window keeps in memory, to open them again while the server is away. The session&apos;s count of edits when the text was taken: a later edit is not in it. The stored article, or the exception the store raised; set on the worker thread. The outcome was acted on (when the job ended, or earlier by a save that waited for it). This article is now in the editor, nothing changed yet. The editor&apos;s text became different from what is stored (True) or the same (False). The article was written; the stored article and the RevisionReason it was saved with. Saving failed with this message; the text stays in the editor and saving is retried. Nothing is written until the background check of the database file has passed. Two windows saved the article; this is the stored article after the user chose. The server cannot be reached (a save found it gone); the server&apos;s reason. How many articles have edits kept on this PC that the server has not confirmed. Asked before every write whether this window may save the article (on a shared server, whether its edit lock is still ours); None: always.</extracomment>
        <translation>无法保存</translation>
    </message>
    <message>
        <location line="-225"/>
        <source>The article needs a title.</source>
        <translation>请先填写稿件标题。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Untitled article</source>
        <translation>无标题稿件</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>The save was interrupted.</source>
        <translation>保存被中断。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The disk is full. Your text is still in the editor and will be saved as soon as there is space again.</source>
        <translation>磁盘已满。您的文字仍在编辑器中，腾出空间后会立即保存。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database cannot be written to (read-only). Your text is still in the editor and will be saved as soon as writing works again.</source>
        <translation>数据库无法写入（只读）。您的文字仍在编辑器中，恢复写入后会立即保存。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Article deleted elsewhere</source>
        <translation>稿件已在别处删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This article was moved to the trash in another window. Restore it from the trash to go on; your text was kept in its history.</source>
        <translation>这篇稿件已在其他窗口中移到回收站。请先从回收站恢复再继续编辑；您的文字已保留在它的修订历史中。</translation>
    </message>
</context>
<context>
    <name>ArticleTableModel</name>
    <message>
        <location filename="../../desktop/gui/article_list_model.py" line="+103"/>
        <source>Title</source>
        <extracomment>Errors a listing can raise when the database is busy, locked or damaged. Table columns the store can order by; 栏目 and 状态 have no index to sort on. The number of articles matching the filter changed (after a save, delete or reload). The store could not be read; the message is meant for the user.</extracomment>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column</source>
        <comment>the website section (栏目) of an article</comment>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The list cannot be sorted by this column</source>
        <translation>列表不能按此列排序</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Being edited by %1</source>
        <translation>%1 正在编辑</translation>
    </message>
    <message>
        <location line="+391"/>
        <source>Cannot read the article list: %1</source>
        <translation>无法读取稿件列表：%1</translation>
    </message>
</context>
<context>
    <name>Attaching</name>
    <message>
        <location filename="../../desktop/gui/attaching.py" line="+54"/>
        <source>%1 cannot be read (%2)</source>
        <translation>无法读取 %1（%2）</translation>
    </message>
</context>
<context>
    <name>AttachmentsStrip</name>
    <message>
        <location filename="../../desktop/gui/attachments_pane.py" line="+43"/>
        <source>Add…</source>
        <extracomment>Rows the list shows before it scrolls: the body keeps most of the pane. Rename the attachment at this index (from 0). Remove the attachment at this index (from 0). Put back the attachment removed last.</extracomment>
        <translation>添加…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo remove</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>Attachments (%n)</source>
        <translation>
            <numerusform>附件（%n 个）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Put “%1” back</source>
        <translation>恢复“%1”</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Attachments: none</source>
        <translation>附件：无</translation>
    </message>
</context>
<context>
    <name>BackupKind</name>
    <message>
        <location filename="../../desktop/gui/backup_dialogs.py" line="+51"/>
        <source>Daily</source>
        <extracomment>A piece of backup work: given a progress callback, return its path (or None).</extracomment>
        <translation>每日备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before an upgrade</source>
        <translation>升级前备份</translation>
    </message>
</context>
<context>
    <name>BackupRunner</name>
    <message>
        <location line="+55"/>
        <source>Making a backup of the database…</source>
        <extracomment>The job succeeded: the new backup&apos;s path (None when a daily backup was not due; for a restore, where the replaced database file was kept, or None if there was none). The job failed; the message says why (the database itself was not changed). The user cancelled; nothing was left behind. Pages copied so far and in all.</extracomment>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Making today&apos;s backup…</source>
        <translation>正在进行今日备份…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
</context>
<context>
    <name>ColumnWindowsDialog</name>
    <message>
        <location filename="../../desktop/gui/selfcheck_dialog.py" line="+400"/>
        <source>Column update windows</source>
        <translation>栏目更新周期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A column whose newest article is older than its window is reported as not updated in time. By default news columns have 14 days and notice columns (通知, 公告…) 183.</source>
        <translation>栏目最新一篇文章超过更新周期，即报告为“栏目更新不及时”。默认新闻类栏目为14天，通知公告类栏目为183天。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Column</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>default (%1)</source>
        <translation>默认（%1天）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../desktop/gui/conflict_dialog.py" line="+29"/>
        <source>Changed elsewhere</source>
        <translation>稿件已在别处修改</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This article was changed in another window or on another computer.</source>
        <translation>这篇稿件已在其他窗口或电脑上被修改。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose which version to keep. The other one is kept in the article&apos;s history either way, so nothing is lost. To decide later, keep editing: nothing is saved until you choose.</source>
        <translation>请选择要保留的版本。无论选择哪个，另一个版本都会保留在稿件的修改历史中，不会丢失。如果想稍后决定，可以继续编辑：在您选择之前不会保存。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved elsewhere at %1</source>
        <translation>于 %1 在别处保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved elsewhere</source>
        <translation>在别处保存的版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yours, in this window</source>
        <translation>本窗口中您的版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep my version</source>
        <translation>保留我的版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take their version</source>
        <translation>采用别处的版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decide later</source>
        <translation>稍后决定</translation>
    </message>
</context>
<context>
    <name>ConnectionLabel</name>
    <message>
        <location filename="../../desktop/gui/connection.py" line="+141"/>
        <source>Online · connected to %1</source>
        <extracomment>While online, the server is asked this often whether it is still there. Offline, the pauses between attempts to reach it again (the last one repeats). The server became reachable (True) or unreachable (False). Why the server was last found unreachable, as the server or the network said it.</extracomment>
        <translation>在线 · 已连接到 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline · reconnecting…</source>
        <translation>离线 · 正在重新连接…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 unsaved on the server, kept on this PC</source>
        <translation>%1 篇的修改暂存本机，尚未存到服务器</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edits are kept on this PC until the server confirms them.</source>
        <translation>修改先暂存在本机，服务器确认保存后才清除。</translation>
    </message>
</context>
<context>
    <name>DamagedDatabaseDialog</name>
    <message>
        <location filename="../../desktop/gui/backup_dialogs.py" line="+200"/>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Newsroom cannot open its database.</source>
        <translation>新闻编辑室无法打开数据库。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The file was not changed: Newsroom only read it, and keeps it as it is.</source>
        <translation>该文件没有被改动：新闻编辑室只读取了它，并会原样保留。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>File: %1
Details: %2</source>
        <translation>文件：%1
详情：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Restore the backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose another backup…</source>
        <translation>选择其他备份…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The database file belongs to another program, not to Newsroom.</source>
        <translation>该数据库文件属于其他程序，不是新闻编辑室的数据库。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database file is damaged: it is not a database any more.</source>
        <translation>数据库文件已损坏：它已不再是有效的数据库。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database file is damaged, perhaps by a power cut or a failing disk or USB stick.</source>
        <translation>数据库文件已损坏，可能是由于断电，或硬盘、U 盘出现故障。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No good backup was found beside it. If you keep backups elsewhere, choose one with “Choose another backup…”.</source>
        <translation>在它旁边没有找到完好的备份。如果您在别处保存了备份，请通过“选择其他备份…”选择。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The newest good backup was taken on %1:
%2
Restoring it brings back everything as it was then; the damaged file is kept beside it.</source>
        <translation>最近一次完好的备份时间为 %1：
%2
恢复后，所有内容将回到当时的状态；损坏的文件会保留在它旁边。</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../desktop/gui/dialogs.py" line="-688"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” has changes that are not saved yet.</source>
        <translation>“%1”有尚未保存的修改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save them before going on?</source>
        <translation>是否先保存修改再继续？</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move “%1” to the trash? It can be restored from there.</source>
        <translation>确定将“%1”移到回收站吗？之后可以从回收站恢复。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Choose the encoding</source>
        <translation>选择文字编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” reads as text in more than one encoding. Which one reads right?</source>
        <translation>“%1”按几种编码都能读成文字。哪一种读出来是对的？</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>Cannot reach the server</source>
        <translation>无法连接服务器</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unencrypted upload</source>
        <translation>未加密的上传</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is plain FTP: the password and every file travel unencrypted, readable by anyone on the way. Upload anyway?</source>
        <translation>%1 是普通 FTP：密码和每个文件都以明文传输，途中任何人都能读到。仍要上传吗？</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>New server</source>
        <translation>新服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This is the first connection to %1. Its host key is:

%2 %3

If this is your server (ask its administrator when unsure), trust it; the key is remembered and a changed key is refused.</source>
        <translation>这是第一次连接 %1。它的主机密钥是：

%2 %3

如果这是您的服务器（不确定时请询问其管理员），请信任它；密钥会被记住，以后密钥一旦改变将拒绝连接。</translation>
    </message>
    <message>
        <location line="+227"/>
        <source>Import articles</source>
        <translation>导入稿件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Articles (*.docx *.doc *.wps *.rtf *.odt *.md *.markdown *.txt)</source>
        <translation>稿件 (*.docx *.doc *.wps *.rtf *.odt *.md *.markdown *.txt)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attachments (*.pdf *.doc *.docx *.wps *.et *.dps *.xls *.xlsx *.jpg *.jpeg *.png *.gif *.webp *.zip);;All files (*)</source>
        <translation>附件 (*.pdf *.doc *.docx *.wps *.et *.dps *.xls *.xlsx *.jpg *.jpeg *.png *.gif *.webp *.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rename attachment</source>
        <translation>重命名附件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name shown under the article:</source>
        <translation>文章下方显示的名称：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove attachment</source>
        <translation>删除附件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove “%1” from the article? The article&apos;s history keeps the version with it.</source>
        <translation>从文章中删除“%1”？文章的历史版本中仍保留带有该附件的版本。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Word files dropped</source>
        <translation>拖入了 Word 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attach these Word files to this article, or import them as new articles?</source>
        <translation>将这些 Word 文件作为本文的附件，还是导入为新文章？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Attach to this article</source>
        <translation>作为本文附件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import as new articles</source>
        <translation>导入为新文章</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>New database for your own content</source>
        <translation>为本单位内容新建数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newsroom databases (*.db)</source>
        <translation>新闻编辑室数据库 (*.db)</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="+85"/>
        <source>%n characters</source>
        <translation>%n 字</translation>
    </message>
    <message numerus="yes">
        <location line="+60"/>
        <source>Lines that differ: %n</source>
        <translation>
            <numerusform>不同的行：%n</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The texts are the same.</source>
        <translation>两个版本的文字相同。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Field</source>
        <translation>项目</translation>
    </message>
</context>
<context>
    <name>EditorPane</name>
    <message>
        <location filename="../../desktop/gui/editor_pane.py" line="+71"/>
        <source>Formatting</source>
        <extracomment>The icon a toolbar button shows alone when the bar is too narrow for its word. Anything in the article changed (a field or the body).</extracomment>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+56"/>
        <location line="+8"/>
        <source>Paragraph</source>
        <translation>正文</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Heading 1</source>
        <translation>标题 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading 2</source>
        <translation>标题 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading 3</source>
        <translation>标题 3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Heading %1</source>
        <translation>标题 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bold</source>
        <translation>加粗</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Italic</source>
        <translation>倾斜</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Strikethrough</source>
        <translation>删除线</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bullets</source>
        <translation>项目符号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Numbering</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Quote</source>
        <translation>引用</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Link…</source>
        <translation>链接…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+45"/>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Rule</source>
        <translation>分隔线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert table…</source>
        <translation>插入表格…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Insert row below</source>
        <translation>在下方插入行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Insert column right</source>
        <translation>在右侧插入列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove column</source>
        <translation>删除列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear formatting</source>
        <translation>清除格式</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replace…</source>
        <translation>替换…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Markdown source</source>
        <translation>Markdown 源码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show and edit the article as Markdown</source>
        <translation>以 Markdown 源码查看和编辑稿件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Quote, rule, table, clear formatting and the Markdown source</source>
        <translation>引用、分隔线、表格、清除格式和 Markdown 源码</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Paragraph or heading (Ctrl+0 to Ctrl+3)</source>
        <translation>正文或标题（Ctrl+0 至 Ctrl+3）</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/dialogs.py" line="-387"/>
        <source>Insert link</source>
        <translation>插入链接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web address:</source>
        <translation>网址：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Insert table</source>
        <translation>插入表格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rows:</source>
        <translation>行数：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Columns:</source>
        <translation>列数：</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop/gui/export_dialog.py" line="+69"/>
        <source>Export the website</source>
        <extracomment>QSettings keys of the last export; the dialog opens with them. Name of the bundle in the Documents folder the first time; ASCII so any web server takes it.</extracomment>
        <translation>导出网站</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A zip file</source>
        <translation>zip 压缩文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Articles to export</source>
        <translation>要导出的稿件</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only the files changed since the last export (an update package)</source>
        <translation>只导出上次导出以来有变化的文件（更新包）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For uploading to a server that has the last export: the folder or zip holds only new and changed files, and its manifest.json lists the files to delete. Leave it off for the whole website (unchanged pages are reused either way).</source>
        <translation>用于上传到已有上次导出内容的服务器：文件夹或压缩包只含新增和改动的文件，manifest.json 列出需要删除的文件。不勾选则导出整个网站（未变的页面都会沿用）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a traditional-Chinese edition (繁體)</source>
        <translation>同时生成繁体版（繁體）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Adds a copy of every page converted to traditional Chinese in the zh-hant folder, linked from each page. The variant is a site setting.</source>
        <translation>在 zh-hant 文件夹中生成每个页面的繁体版本，各页面互相链接。繁体的地区用字在网站设置中选择。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export as:</source>
        <translation>导出为：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/dialogs.py" line="+393"/>
        <source>Export to a zip file</source>
        <translation>导出为 zip 压缩文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zip files (*.zip)</source>
        <translation>zip 压缩文件（*.zip）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export to a folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/export_dialog.py" line="+75"/>
        <source>Choose where to save the website.</source>
        <translation>请选择网站的保存位置。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose at least one status of articles to export.</source>
        <translation>请至少选择一种要导出的稿件状态。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>This is a folder. Type a new file name ending in .zip, or export as a folder.</source>
        <translation>这是一个文件夹。请输入以 .zip 结尾的新文件名，或改为导出到文件夹。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is a file, not a folder. Choose a new or empty folder.</source>
        <translation>这是一个文件，不是文件夹。请选择一个新的或空的文件夹。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This folder already holds other files and no website exported by Newsroom. Choose a new or empty folder, so that none of your files are replaced.</source>
        <translation>该文件夹中已有其他文件，且不是新闻编辑室导出的网站。请选择一个新的或空的文件夹，以免覆盖您的文件。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This file exists and is not a website exported by Newsroom. Choose a new file name, so that none of your files are replaced.</source>
        <translation>该文件已存在，且不是新闻编辑室导出的网站。请换一个新文件名，以免覆盖您的文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Newsroom cannot write the website here: %1</source>
        <translation>新闻编辑室无法将网站写入此处：%1</translation>
    </message>
</context>
<context>
    <name>ExportGateDialog</name>
    <message>
        <location filename="../../desktop/gui/export_gate.py" line="+31"/>
        <source>Serious problems before export</source>
        <translation>导出前发现严重问题</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n article(s) still have serious problems. Export them anyway, or go back and fix them?</source>
        <translation>
            <numerusform>有 %n 篇稿件仍有严重问题。仍然导出，还是返回修改？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Article or problem</source>
        <translation>稿件或问题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>原文</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export anyway</source>
        <translation>仍然导出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go back</source>
        <translation>返回修改</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message>
        <location filename="../../desktop/gui/export_runner.py" line="+195"/>
        <source>Exporting the website</source>
        <extracomment>Steps of the worker besides the export&apos;s own phases (``ExportPhase`` values). Least time between two progress reports of the worker: enough for a smooth bar, and the GUI thread is not flooded by thousands of queued signals on a large site. The articles exported despite serious problems, and the note recording it.</extracomment>
        <translation>正在导出网站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Checking the articles for serious problems…</source>
        <translation>正在检查稿件中的严重问题…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keeping a revision of each exported article…</source>
        <translation>正在为每篇导出的稿件保留修订版本…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking where the website goes…</source>
        <translation>正在检查导出位置…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the articles…</source>
        <translation>正在读取稿件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing pages and pictures…</source>
        <translation>正在写入页面和图片…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replacing the previous export…</source>
        <translation>正在替换上次导出的内容…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>The export did not finish; the previous export is unchanged.</source>
        <translation>导出没有完成；上次导出的内容没有变化。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The export was cancelled; the previous export is unchanged.</source>
        <translation>导出已取消；上次导出的内容没有变化。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>ExportSummaryDialog</name>
    <message>
        <location filename="../../desktop/gui/export_dialog.py" line="+16"/>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n article(s) exported.</source>
        <translation>
            <numerusform>已导出 %n 篇稿件。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved to:</source>
        <translation>保存位置：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New or changed files:</source>
        <translation>新增或修改的文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged files:</source>
        <translation>未变化的文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed files:</source>
        <translation>删除的文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files in the website:</source>
        <translation>网站文件总数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total size:</source>
        <translation>总大小：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Exported although these articles have serious problems:</source>
        <translation>以下稿件有严重问题，但仍已导出：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sign-off (三审三校): articles left out because their signatures do not cover their text, and articles taken on an approver&apos;s override:</source>
        <translation>三审三校：因签署与正文不符而未导出的文章，以及经审批人越过签署导出的文章：</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n picture(s) used by the pages were not found; they will show as broken images on the website:</source>
        <translation>
            <numerusform>页面用到的 %n 张图片没有找到，网站上将显示为无法加载的图片：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy list of changed files</source>
        <translation>复制修改过的文件列表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copies the paths of the new or changed files, one per line, for uploading.</source>
        <translation>复制新增或修改过的文件路径，每行一个，便于上传。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>, </source>
        <comment>list separator</comment>
        <translation>、</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 “%2”: %n serious problem(s) (%3)</source>
        <translation>%1“%2”：%n 个严重问题（%3）</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../desktop/gui/find_bar.py" line="+30"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message numerus="yes">
        <location line="+45"/>
        <source>%n replaced</source>
        <translation>
            <numerusform>已替换 %n 处</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="+65"/>
        <source>History of “%1”</source>
        <extracomment>The article as restored (a new version, the replaced text kept as a revision). What a single selected revision is compared with: the stored article by default.</extracomment>
        <translation>“%1”的修改历史</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Newsroom keeps a copy of the article at every save. Select one version to compare it with the current text, or two to compare them with each other.</source>
        <translation>每次保存时，新闻编辑室都会保留一份稿件副本。选择一个版本可与当前文字比较，选择两个版本可相互比较。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>长度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This article has no earlier versions yet.</source>
        <translation>这篇稿件还没有更早的版本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+125"/>
        <source>Restore this version</source>
        <translation>恢复此版本</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Current text</source>
        <translation>当前文字</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+8"/>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>This article was changed in another window or on another computer since you opened it. Nothing was restored; reopen the article and try again.</source>
        <translation>您打开这篇稿件后，它已在其他窗口或电脑上被修改。没有恢复任何内容；请重新打开稿件后再试。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Bring back the version of %1 as the article&apos;s text?</source>
        <translation>将稿件文字恢复为 %1 的版本吗？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The current text is kept in the history, so you can go back to it.</source>
        <translation>当前文字会保留在修改历史中，之后仍可找回。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desktop/gui/import_dialog.py" line="+195"/>
        <source>%1 of %2 files imported.</source>
        <extracomment>(files done, files in all, name of the file just done) One file&apos;s result, as it is stored. The import ended (finished or cancelled), with its ImportReport. The ids of the articles created, emitted at the end (also when cancelled). Text files whose encoding is unclear: asked about once the other files are in.</extracomment>
        <translation>已导入 %1 个文件（共 %2 个）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The import was cancelled.</source>
        <translation>导入已取消。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 files could not be imported:</source>
        <translation>%1 个文件无法导入：</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Imported before</source>
        <translation>以前导入过</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skip the file, update the article from it (its history keeps the old text), or import it again as a new article?</source>
        <translation>跳过这个文件、用它更新该文章（修订历史会保留原来的文字），还是作为新文章再导入一次？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update the article</source>
        <translation>更新该文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import as new</source>
        <translation>作为新文章导入</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Import</source>
        <extracomment>The ids of the articles created (emitted when the import ends).</extracomment>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking for files…</source>
        <translation>正在查找文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Imported %1 (%2 of %3)</source>
        <translation>已导入 %1（%2/%3）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Importing %1 files…</source>
        <translation>正在导入 %1 个文件…</translation>
    </message>
</context>
<context>
    <name>LinkCheckDialog</name>
    <message>
        <location filename="../../desktop/gui/selfcheck_dialog.py" line="-284"/>
        <source>Check links</source>
        <translation>检查链接</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every web address in the articles is asked whether it still answers. Only links that lead nowhere are listed; double-click one to open its article.</source>
        <translation>逐一访问文章中的每个网址，检查是否仍能打开。只列出无法访问的链接；双击一行即可打开所在文章。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>网址</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Checking links…</source>
        <translation>正在检查链接…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled: %1 dead link(s) found so far.</source>
        <translation>已取消：目前发现 %1 个无法访问的链接。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Checked %1 of %2 addresses</source>
        <translation>已检查 %1 / %2 个网址</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 address(es) checked: %2 dead.</source>
        <translation>共检查 %1 个网址：%2 个无法访问。</translation>
    </message>
</context>
<context>
    <name>LockBanner</name>
    <message>
        <location filename="../../desktop/gui/lock_banner.py" line="+27"/>
        <source>Take over editing</source>
        <translation>接管编辑</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit the article yourself: the other person&apos;s editor becomes read-only and their unsaved text is kept in the history</source>
        <translation>由您来编辑这篇稿件：对方的编辑器变为只读，对方尚未保存的文字保留在修订历史中</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 (%2) took over editing this article at %3. Your unsaved text was kept in its history; you see it read-only now.</source>
        <translation>%1（%2）已于 %3 接管编辑这篇稿件。您尚未保存的文字已保留在修订历史中；现在您看到的是只读内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (%2) is editing this article. You see it read-only; it follows their saves.</source>
        <translation>%1（%2）正在编辑这篇稿件。您看到的是只读内容，会随对方的保存而更新。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="+245"/>
        <source>&amp;New article</source>
        <translation>新建稿件(&amp;N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Duplicate article</source>
        <translation>创建副本(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to &amp;trash…</source>
        <translation>移到回收站(&amp;T)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Upload to server…</source>
        <translation>上传到服务器(&amp;U)…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Attach files…</source>
        <translation>添加附件(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offer files for download under the article: PDF, Word, WPS, Excel, zip</source>
        <translation>在文章下方提供文件下载：PDF、Word、WPS、Excel、zip</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as PD&amp;F…</source>
        <translation>另存为 PDF(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-off &amp;sheet…</source>
        <translation>审签单(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who am &amp;I…</source>
        <translation>我是谁(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preview at &amp;desktop width</source>
        <translation>按电脑宽度预览(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview at &amp;phone width</source>
        <translation>按手机宽度预览(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Newsroom</source>
        <translation>关于新闻编辑室(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Check article</source>
        <translation>检查稿件(&amp;C)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connect to a ser&amp;ver…</source>
        <translation>连接服务器(&amp;V)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use a &amp;local file…</source>
        <translation>使用本机数据库文件(&amp;L)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Office &amp;word list…</source>
        <translation>本单位词表(&amp;W)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check &amp;links…</source>
        <translation>检查链接(&amp;L)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask every web address the articles link to whether it still answers</source>
        <translation>逐一检查文章中链接的网址是否仍能打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Site se&amp;lf-check…</source>
        <translation>网站自查(&amp;F)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>F&amp;ormat</source>
        <translation>格式(&amp;O)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+73"/>
        <location line="+821"/>
        <source>Cannot attach</source>
        <translation>无法添加附件</translation>
    </message>
    <message>
        <location line="-816"/>
        <source>Reading the files to attach…</source>
        <translation>正在读取要添加的附件…</translation>
    </message>
    <message>
        <location line="+157"/>
        <source>Kept on this PC at %1 (saved on the server when it is back)</source>
        <translation>%1 已暂存本机（服务器恢复后保存上去）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Only articles opened in this window before the server went away can be worked on while offline.</source>
        <translation>离线时只能编辑与服务器断开之前在本窗口打开过的稿件。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Recovered after an unexpected exit</source>
        <translation>已从异常退出中恢复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Work recovered</source>
        <translation>已恢复工作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newsroom was not closed properly last time. “%1” has been reopened as it was last saved automatically (%2).</source>
        <translation>新闻编辑室上次没有正常关闭。已按最近一次自动保存（%2）的内容重新打开“%1”。</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+249"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location line="-236"/>
        <location line="+19"/>
        <source>A new article is created on the server.</source>
        <translation>新建稿件需要在服务器上创建。</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Untitled article</source>
        <translation>无标题稿件</translation>
    </message>
    <message>
        <location line="-588"/>
        <source>Proofreading</source>
        <extracomment>Open the first article after this long even if the list was never painted (hidden window). Bodies longer than this are counted (字数) on a work queue rather than at once. Open this database in place of this one: a file (the office&apos;s own, just created; this PC&apos;s file again) or a server URL (File → Connect to a server…).</extracomment>
        <translation>校对</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Site se&amp;ttings…</source>
        <translation>网站设置(&amp;W)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export website…</source>
        <translation>导出网站(&amp;E)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import articles…</source>
        <translation>导入稿件(&amp;I)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Insert &amp;picture…</source>
        <translation>插入图片(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy article &amp;HTML</source>
        <translation>复制稿件 HTML(&amp;H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export this &amp;article…</source>
        <translation>导出本篇稿件(&amp;A)…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;History…</source>
        <translation>历史版本(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;rash…</source>
        <translation>回收站(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Convert to &amp;simplified Chinese</source>
        <translation>转换为简体中文(&amp;S)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Convert an article written in traditional characters to simplified ones</source>
        <translation>把用繁体字写的稿件转换为简体字</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Not a usable picture</source>
        <translation>无法使用的图片</translation>
    </message>
    <message>
        <location line="+334"/>
        <location line="+31"/>
        <location line="+227"/>
        <location line="+8"/>
        <location line="+109"/>
        <location line="+182"/>
        <location line="+33"/>
        <location line="+14"/>
        <location line="+57"/>
        <location line="+16"/>
        <source>This needs the articles and settings on the server.</source>
        <translation>这项操作需要服务器上的稿件和网站设置。</translation>
    </message>
    <message>
        <location line="-599"/>
        <source>Cannot create the database</source>
        <translation>无法创建数据库</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>Signing and review steps are recorded on the server.</source>
        <translation>审签和送审等步骤记录在服务器上。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Someone else took over editing this article</source>
        <translation>其他人已接管编辑这篇稿件</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <location line="-744"/>
        <location line="+862"/>
        <source>Checking the database…</source>
        <translation>正在检查数据库…</translation>
    </message>
    <message>
        <location line="-546"/>
        <source>Saved automatically at %1</source>
        <translation>已于 %1 自动保存</translation>
    </message>
    <message>
        <location line="-319"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location line="+357"/>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Cannot move to trash</source>
        <translation>无法移到回收站</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+38"/>
        <location line="+38"/>
        <source>Cannot save the settings</source>
        <translation>无法保存设置</translation>
    </message>
    <message numerus="yes">
        <location line="+56"/>
        <source>%n characters</source>
        <translation>
            <numerusform>字数：%n</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Newsroom</source>
        <translation>新闻编辑室</translation>
    </message>
    <message>
        <location line="+187"/>
        <location line="+34"/>
        <source>Exporting reads the approved articles on the server.</source>
        <translation>导出需要从服务器读取已审定的稿件。</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Article HTML copied</source>
        <translation>已复制稿件 HTML</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Saved as PDF: %1</source>
        <translation>已另存为 PDF：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sent to the printer</source>
        <translation>已发送到打印机</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Printing failed</source>
        <translation>打印失败</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Another article was opened while the files were read: attach them again.</source>
        <translation>读取文件时打开了另一篇文章：请重新添加附件。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot rename the attachment</source>
        <translation>无法重命名附件</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>Backup saved: %1</source>
        <translation>备份已保存：%1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Already in simplified characters</source>
        <translation>已经是简体字</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>About Newsroom</source>
        <translation>关于新闻编辑室</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newsroom %1
Write, check and export your organisation&apos;s news website.</source>
        <translation>新闻编辑室 %1
编写、校对和导出本单位新闻网站的稿件。</translation>
    </message>
</context>
<context>
    <name>PagePrinter</name>
    <message>
        <location filename="../../desktop/gui/printing.py" line="+182"/>
        <source>The page did not respond.</source>
        <extracomment>The A4 page&apos;s margins in millimetres (top, right, bottom, left): the usual margins of an office document, and the same as the print stylesheet&apos;s ``@page`` rule. The site path a page is served at when the caller names none (relative URLs in it resolve against the site root). Chromium switches of the application started for the command line, where nothing is shown. Give up on a page that neither loads nor prints in this time (a crashed renderer). The PDF was written (its path) or the page was sent to the printer (None). Loading, printing or writing failed; the message is for the user.</extracomment>
        <translation>页面没有响应。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>A page is already being printed.</source>
        <translation>已有页面正在打印。</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+13"/>
        <source>The page could not be laid out for printing.</source>
        <translation>页面无法排版打印。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The printer did not accept the page.</source>
        <translation>打印机没有接受该页面。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The page&apos;s renderer stopped.</source>
        <translation>页面渲染进程已停止。</translation>
    </message>
</context>
<context>
    <name>PictureDialog</name>
    <message>
        <location filename="../../desktop/gui/picture_dialog.py" line="+68"/>
        <source>Edit picture</source>
        <extracomment>Stores a picture (bytes, file name, keep the original) and returns its ``media/…`` path; raises PictureError for a file that is not a usable picture. Returns the bytes of a stored picture given its ``media/…`` path, or None. Size of the preview box, in pixels. File dialog filter of the picture formats the store accepts.</extracomment>
        <translation>编辑图片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Insert picture</source>
        <translation>插入图片</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>What the picture shows, for screen readers</source>
        <translation>图片内容的文字描述，供读屏软件使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shown under the picture, e.g. 图为…</source>
        <translation>显示在图片下方，例如“图为…”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the original file as well</source>
        <translation>同时保留原始文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The page uses a resized copy; the original is kept in the database too.</source>
        <translation>页面使用缩小后的副本；原始文件也会保存在数据库中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use as the cover picture (标题图)</source>
        <translation>设为标题图</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview:</source>
        <translation>预览：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alt text:</source>
        <translation>替代文字：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caption:</source>
        <translation>图片说明：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No picture</source>
        <translation>没有图片</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/dialogs.py" line="-45"/>
        <source>Choose a picture</source>
        <translation>选择图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pictures (%1)</source>
        <translation>图片（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/picture_dialog.py" line="+29"/>
        <source>Not a picture that can be shown</source>
        <translation>不是可以显示的图片</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Choose a picture file first.</source>
        <translation>请先选择图片文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 cannot be read (%2)</source>
        <translation>无法读取 %1（%2）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 cannot be used: %2</source>
        <translation>无法使用 %1：%2</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../../desktop/gui/preview.py" line="+275"/>
        <source>Desktop</source>
        <extracomment>Width of the phone preview in CSS pixels (a common phone&apos;s viewport). Width the site&apos;s desktop layout needs (``--width`` in site.css); narrower panes zoom out. Below this zoom text gets unreadable; the page&apos;s fluid layout takes over instead. Quiet time after the last keystroke before rendering; with ~1.5 ms to render and ~5 ms to patch, a keystroke shows in under 100 ms. During non-stop typing, update at least this often rather than wait for a pause. If the page neither finishes loading nor answers a patch by then (a crashed renderer), give up on that update so later ones are not stuck behind it. Produces the page to show; called on the worker thread, so it must not touch widgets. The page of this request generation is now on screen (after load or patch). Rendering or showing an update failed; the message is for the user. The preview refused to fetch this URL (any scheme but our own). The user clicked a link in the page; the preview does not follow it. The desktop/phone width changed (from the pane&apos;s own toolbar or set_width_mode). Where a long article&apos;s page is rendered (its own process), closed with the pane.</extracomment>
        <translation>电脑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the page as on a computer screen</source>
        <translation>按电脑屏幕显示页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the page as on a mobile phone</source>
        <translation>按手机屏幕显示页面</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>The preview could not be updated: {error}</source>
        <translation>预览无法更新：{error}</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>The preview could not show the page.</source>
        <translation>预览无法显示此页面。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The preview did not respond.</source>
        <translation>预览没有响应。</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../desktop/gui/problems_panel.py" line="+70"/>
        <source>Show ignored</source>
        <extracomment>Put this problem&apos;s suggestion in place. Put every suggestion of this kind in place. Record this problem as ignored in the article, with the reason the user gave. Show this ignored problem again. Move the editor&apos;s cursor to this problem (double-click or Enter on a row).</extracomment>
        <translation>显示已忽略的</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>原文</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Fix</source>
        <translation>修正</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix all of this kind</source>
        <translation>全部修正同类问题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ignore…</source>
        <translation>忽略…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop ignoring</source>
        <translation>取消忽略</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/dialogs.py" line="-388"/>
        <source>Ignore problem</source>
        <translation>忽略问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why may “%1” stay as it is?</source>
        <translation>为什么“%1”可以保留不改？</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/problems_panel.py" line="+96"/>
        <source>(delete)</source>
        <translation>（删除）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ignored: %1</source>
        <translation>已忽略：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no reason given</source>
        <translation>未填写理由</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No problems</source>
        <translation>没有发现问题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 serious, %2 minor</source>
        <translation>%1 个严重问题，%2 个一般问题</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (%1 ignored)</source>
        <translation>（已忽略 %1 个）</translation>
    </message>
</context>
<context>
    <name>Proofread</name>
    <message>
        <location filename="../../desktop/gui/proofread_labels.py" line="+29"/>
        <source>Half-width punctuation</source>
        <extracomment>Underline and icon colours: red for serious; for minor problems blue marks a matter of typesetting style (punctuation, spaces), orange a questionable word or number.</extracomment>
        <translation>半角标点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Full-width letters or digits</source>
        <translation>全角字母或数字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quotation marks</source>
        <translation>引号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unmatched brackets</source>
        <translation>括号不配对</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Doubled punctuation</source>
        <translation>标点重复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dash or ellipsis</source>
        <translation>破折号或省略号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra space</source>
        <translation>多余空格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Space around a number</source>
        <translation>数字前后空格</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Common wrong form</source>
        <translation>常见错别字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Office word list</source>
        <translation>本单位词表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong form of a protected name</source>
        <translation>规范名称写错</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Garbled text</source>
        <translation>乱码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden character</source>
        <translation>隐藏字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID card number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank card number</source>
        <translation>银行卡号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secrecy mark</source>
        <translation>涉密标识</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link address</source>
        <translation>链接地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not be checked</source>
        <translation>未能完成检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Picture without alternative text</source>
        <translation>图片缺少替代文字</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Picture caption</source>
        <translation>图片说明</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Serious</source>
        <translation>严重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minor</source>
        <translation>一般</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: “%2”</source>
        <translation>%1：“%2”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: “%2” (delete it)</source>
        <translation>%1：“%2”（应删除）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: “%2” → “%3”</source>
        <translation>%1：“%2”应改为“%3”</translation>
    </message>
</context>
<context>
    <name>RestoreBackupDialog</name>
    <message>
        <location filename="../../desktop/gui/backup_dialogs.py" line="-204"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the backup to bring back. The database as it is now is kept beside it (its name ends in “.before-restore”).</source>
        <translation>请选择要恢复的备份。当前的数据库会保留在它旁边（文件名以“.before-restore”结尾）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No backups were found beside the database.</source>
        <extracomment>Whether each listed backup passed its check, in list order.</extracomment>
        <translation>在数据库旁边没有找到备份。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Other file…</source>
        <translation>其他文件…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Good</source>
        <translation>完好</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Damaged: cannot be restored</source>
        <translation>已损坏，无法恢复</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Cannot use this file</source>
        <translation>无法使用此文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” is not a Newsroom backup that can be restored.</source>
        <translation>“%1”不是可以恢复的新闻编辑室备份。</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/dialogs.py" line="+412"/>
        <source>Choose a backup file</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newsroom databases (*.db)</source>
        <translation>新闻编辑室数据库 (*.db)</translation>
    </message>
</context>
<context>
    <name>ReviewDesk</name>
    <message>
        <location line="-259"/>
        <location filename="../../desktop/gui/review_desk.py" line="+103"/>
        <source>Who am I</source>
        <translation>我是谁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name, as the sign-off record shows it (remembered for this database on this computer):</source>
        <translation>您的姓名（签署记录中显示；本电脑上对此数据库记住）：</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your opinion (审核意见):</source>
        <translation>审核意见：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同意。</source>
        <translation>同意。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Return to the author</source>
        <translation>退回作者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is it returned?</source>
        <translation>退回理由：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Withdraw</source>
        <translation>撤稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is it withdrawn?</source>
        <translation>撤稿理由：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Approve as it is</source>
        <translation>按现稿通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why may the export take this text without new signatures?</source>
        <translation>为什么不经重新签署即可导出此稿？</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/review_desk.py" line="-14"/>
        <source>waiting for %1</source>
        <extracomment>An article&apos;s review (and so its status) changed: the window reloads it. The person at the keyboard changed (their name; &quot;&quot; for nobody yet).</extracomment>
        <translation>待%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>returned: %1</source>
        <translation>已退回：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>withdrawn</source>
        <translation>已撤稿</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>On the server you are your login, %1: the office&apos;s people list in the site settings gives the name you sign with (%2).</source>
        <translation>在服务器上，您就是您的登录名 %1：站点设置中的本单位人员名单给出您签名所用的姓名（%2）。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Sign-off</source>
        <translation>审签</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Changes since signed</source>
        <translation>签署后的改动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No signed version of this article is kept in its history.</source>
        <translation>这篇文章的历史中没有保存签署时的版本。</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../desktop/gui/review_panel.py" line="+55"/>
        <source>Submit for review (送审)</source>
        <extracomment>The person asked to take a step (a ``Step``) on the article shown. Show what changed since the last signature (the history&apos;s side-by-side diff). Show the sign-off sheet (审签单). Say who is at the keyboard.</extracomment>
        <translation>送审</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve (通过)…</source>
        <translation>通过…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return (退回)…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw (撤稿)…</source>
        <translation>撤稿…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve as it is…</source>
        <translation>按现稿通过…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A final-stage signer approves the text as it stands now, with a reason the sign-off sheet and the export summary show.</source>
        <translation>终审签发人按当前文稿直接通过，并填写理由；审签单和导出摘要会显示该理由。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Changes since signed…</source>
        <translation>签署后的改动…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-off sheet…</source>
        <translation>审签单…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>In review: waiting for %1 (stage %2 of %3)</source>
        <translation>审核中：待%1（第%2审，共%3审）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> — changed after a signature</source>
        <translation> —— 签署后有改动</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approved, but the text changed since</source>
        <translation>已通过，但此后文稿有改动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approved (before sign-off was recorded)</source>
        <translation>已通过（启用签署记录之前）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved: ready to export</source>
        <translation>已通过，可以导出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned to the author</source>
        <translation>已退回作者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdrawn</source>
        <translation>已撤稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft: not yet submitted for review</source>
        <translation>草稿：尚未送审</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>I am %1</source>
        <translation>我是%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who am I?</source>
        <translation>我是谁？</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: %2 signed at %3 — “%4” (%5)</source>
        <translation>%1：%2 于 %3 签署——“%4”（%5）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Approved as it is by %1: %2</source>
        <translation>%1 按现稿通过：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Returned by %1: %2</source>
        <translation>%1 退回：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Withdrawn: %1</source>
        <translation>已撤稿：%1</translation>
    </message>
</context>
<context>
    <name>RevisionReason</name>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="-371"/>
        <source>Original</source>
        <extracomment>Whole lines only on one side, and the characters that changed within a changed line. The empty row standing opposite a line the other side does not have.</extracomment>
        <translation>原稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved while typing</source>
        <translation>自动保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status changed</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Older version restored</source>
        <translation>恢复旧版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Before a restore</source>
        <translation>恢复前的版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kept from a conflict</source>
        <translation>冲突时保留</translation>
    </message>
</context>
<context>
    <name>RichTextEditor</name>
    <message>
        <location filename="../../desktop/gui/editor/rich_editor.py" line="+753"/>
        <source>%1: pictures cannot be stored here</source>
        <extracomment>MIME type carrying a selection as article Markdown, for copy and paste inside the app. Stores a picture (bytes, a name for messages) and returns its ``media/…`` path; raises ``desktop.pictures.PictureError`` for a file that is not a usable picture. File name endings of pictures a drop stores; the store checks the content itself. Widest a picture is shown in the editor, in pixels (the page body is about 900 px). Narrowest a picture is shown, so a tiny window still shows something recognisable. Deepest list nesting the editor makes (the Markdown dialect keeps any depth). Clipboard HTML longer than this (and with no pictures to store) is cleaned on the work queue and inserted a step at a time: 5 MB from Word takes seconds to read and insert. Blocks (or table cells) read ahead for the Markdown per step after a large paste. Clipboard HTML with more table rows than this is cleaned on the work queue and inserted a chunk of rows at a time, whatever its length: Qt lays out each inserted table at once. Emitted when a link is inserted, with its address (for the window&apos;s recent links). Emitted with a message when a pasted or dropped picture could not be kept. Emitted with the paths of .docx/Markdown files dropped on the editor: import them. Emitted with the paths of other dropped files (PDF, Excel, zip…): attach them. Emitted with a picture&apos;s ``media/…`` path when the user asks for it as the cover. A large paste started: it is cleaned in the background and inserted step by step. The large paste is in the document (one undo step), or it could not be read. Steps the last large paste (or long table loaded) was inserted in. The body being loaded a step at a time: its Markdown, and its blocks once read (None while they are read on the work queue); None when no load is under way. Keys pressed and text typed while a paste or a load goes in, replayed after it.</extracomment>
        <translation>%1：此处无法保存图片</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 cannot be read (%2)</source>
        <translation>无法读取 %1（%2）</translation>
    </message>
</context>
<context>
    <name>SampleBanner</name>
    <message>
        <location filename="../../desktop/gui/sample_banner.py" line="+25"/>
        <source>This database holds sample content: invented articles and placeholder site settings (ICP number, phone). Do not publish them.</source>
        <translation>本数据库中是示例内容：虚构的文章和占位的网站设置（ICP 备案号、电话等），请勿发布。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start with our own content…</source>
        <translation>开始使用本单位的内容…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create a new database file for your office&apos;s own articles and site settings; the sample stays in its own file</source>
        <translation>为本单位的文章和网站设置新建一个数据库文件；示例内容留在原来的文件中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dismiss</source>
        <translation>不再提示</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Start with your own content</source>
        <translation>开始使用本单位的内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the sample articles (%1) and enter your office&apos;s own site settings? Articles you have edited are kept.</source>
        <translation>删除示例文章（%1 篇）并填写本单位自己的网站设置吗？您编辑过的文章会保留。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sample content</source>
        <translation>示例内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This export would publish the demo&apos;s sample content. Export it all the same?</source>
        <translation>这次导出会发布演示用的示例内容。仍然导出吗？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export anyway</source>
        <translation>仍然导出</translation>
    </message>
</context>
<context>
    <name>SelfCheckDialog</name>
    <message>
        <location filename="../../desktop/gui/dialogs.py" line="+281"/>
        <source>Save the self-check report</source>
        <translation>保存自查报告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Web pages (*.html *.htm)</source>
        <translation>网页（*.html *.htm）</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/selfcheck_dialog.py" line="-155"/>
        <source>Cancel check</source>
        <extracomment>The article to open in the main window (a row was double-clicked). The check has ended (done, failed or cancelled).</extracomment>
        <translation>取消检查</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The check failed: %1</source>
        <translation>检查失败：%1</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>Site self-check</source>
        <translation>网站自查</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What a site inspection would mark, before you export: stale or empty columns, back-dated articles, copies, serious errors, dead links (from the last link check) and pictures without alternative text. Double-click a finding to open its article.</source>
        <translation>导出前按网站检查的要求自查：栏目更新不及时或空白、发布时间倒签、重复内容、严重表述错误、无法访问的链接（来自上次链接检查）以及缺少替代文字的图片。双击一条问题即可打开所在文章。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+11"/>
        <source>Kind</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Found</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Column</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Column update windows…</source>
        <translation>栏目更新周期…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save report as HTML…</source>
        <translation>将报告另存为网页…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Checking the site…</source>
        <translation>正在自查…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Proofreading article %1 of %2…</source>
        <translation>正在校对第 %1 篇，共 %2 篇…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 article(s) checked at %2: %3 finding(s).</source>
        <translation>%2 共检查 %1 篇文章：发现 %3 个问题。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Report not saved</source>
        <translation>报告未保存</translation>
    </message>
</context>
<context>
    <name>ServerConnection</name>
    <message>
        <location filename="../../desktop/gui/connection.py" line="+8"/>
        <source>Not possible while offline</source>
        <translation>离线时无法进行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server cannot be reached. What you type is kept on this PC and saved there as soon as the server is back.</source>
        <translation>无法连接服务器。您输入的内容已暂存在本机，服务器恢复后会立即保存上去。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Newsroom cannot reach its server.

%1</source>
        <translation>新闻编辑室无法连接服务器。

%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Edits to these articles are kept on this PC and are saved on the server as soon as Newsroom can open it again:
%1</source>
        <translation>以下稿件的修改已暂存在本机，新闻编辑室一旦能重新打开服务器上的数据库，就会把它们保存上去：
%1</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <location filename="../../desktop/gui/server_dialog.py" line="+29"/>
        <source>Connect to a server</source>
        <translation>连接服务器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 192.168.1.10</source>
        <translation>例如 192.168.1.10</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Remember the password in the system keychain</source>
        <translation>在系统钥匙串中记住密码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is no system keychain here: the password is asked at each start.</source>
        <translation>本机没有系统钥匙串：每次启动时都会询问密码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your login is you: the office&apos;s people list in the site settings gives the name you sign with. The password is never written to a settings file.</source>
        <translation>登录名就是您本人：站点设置中的本单位人员名单给出您签名所用的姓名。密码绝不会写入设置文件。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
</context>
<context>
    <name>SheetDialog</name>
    <message>
        <location filename="../../desktop/gui/sheet_dialog.py" line="+43"/>
        <source>Sign-off sheet (审签单)</source>
        <extracomment>A PDF of the sheet was written (its path).</extracomment>
        <translation>审签单</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Sign-off sheet</source>
        <translation>审签单</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Laying out the sheet on A4…</source>
        <translation>正在按 A4 排版审签单…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved as %1</source>
        <translation>已保存为 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sent to the printer</source>
        <translation>已发送到打印机</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Printing failed</source>
        <translation>打印失败</translation>
    </message>
</context>
<context>
    <name>SiteDialog</name>
    <message>
        <location filename="../../desktop/gui/site_dialog.py" line="+50"/>
        <source>days</source>
        <extracomment>Update window in days by column name; None follows the default of the column&apos;s kind.</extracomment>
        <translation>天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weeks</source>
        <translation>周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>months</source>
        <translation>个月</translation>
    </message>
    <message>
        <location line="+43"/>
        <location line="+15"/>
        <source>No</source>
        <extracomment>Whether the user changed the window here (else the column keeps what it had).</extracomment>
        <translation>否</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Yes, export a 繁體 edition too</source>
        <translation>是，同时导出繁体版</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Taiwan (臺灣正體)</source>
        <translation>台湾（臺灣正體）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hong Kong (香港繁體)</source>
        <translation>香港（香港繁體）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard (OpenCC 繁體)</source>
        <translation>标准繁体（OpenCC）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Yes, export a 长辈版 (large type, high contrast) too</source>
        <translation>是，同时导出长辈版（大字号、高对比度）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No: each stage by another person</source>
        <translation>否：每一审级由不同的人签署</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes: one person may sign two stages (the sheet says so)</source>
        <translation>是：同一人可签两个审级（审签单会注明）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Site name</source>
        <extracomment>Settings chosen from a list rather than typed.</extracomment>
        <translation>网站名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site address (URL)</source>
        <translation>网站地址（URL）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sponsor (主办单位)</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postal address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Telephone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICP registration number</source>
        <translation>ICP 备案号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public security registration number</source>
        <translation>公安备案号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Website identification code</source>
        <translation>网站标识码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Technical support</source>
        <translation>技术支持</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maintained by</source>
        <translation>网站维护</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copyright line</source>
        <translation>版权信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Articles per list page</source>
        <translation>列表每页稿件数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Largest picture width (pixels)</source>
        <translation>图片最大宽度（像素）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Largest attachment (MB)</source>
        <translation>附件大小上限（MB）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Traditional Chinese edition</source>
        <translation>繁体版</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Traditional Chinese variant</source>
        <translation>繁体用字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Elder-friendly edition (长辈版)</source>
        <translation>长辈版（适老化）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>党政机关 mark: the site&apos;s registry page (URL)</source>
        <translation>党政机关标识：本站在标识管理系统中的页面（网址）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upload to (server address)</source>
        <translation>上传到（服务器地址）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last export (uploaded from)</source>
        <translation>上次导出（上传来源）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review stages (三审: 1 to 3)</source>
        <translation>审核级数（1 至 3 审）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who signs stage 1 (初审), by name</source>
        <translation>初审人员（姓名，逗号分隔）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who signs stage 2 (复审), by name</source>
        <translation>复审人员（姓名，逗号分隔）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who signs stage 3 (终审), by name</source>
        <translation>终审人员（姓名，逗号分隔）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same person, two stages</source>
        <translation>同一人签两级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A change after a signature goes back to stage</source>
        <translation>签署后修改退回到第几审</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>People on the server (login=name, …)</source>
        <translation>服务器上的人员（登录名=姓名，…）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Site settings</source>
        <translation>网站设置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Header and footer</source>
        <translation>页头和页脚</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Columns (栏目), in the order of the columns bar</source>
        <translation>栏目（按导航栏中的顺序）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Folder name</source>
        <translation>目录名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Update window</source>
        <translation>更新周期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How long the column may go without a new article before the site self-check reports it as not updated in time (news columns: 2 weeks, notice columns: 6 months by default)</source>
        <translation>栏目多久没有新文章时，网站自查会报告其“栏目更新不及时”（默认：新闻类栏目 2 周，通知类栏目 6 个月）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Add column</source>
        <translation>添加栏目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>New column</source>
        <translation>新栏目</translation>
    </message>
</context>
<context>
    <name>StatisticsPanel</name>
    <message>
        <location filename="../../desktop/gui/statistics_panel.py" line="+28"/>
        <source>Word count:</source>
        <translation>字数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese characters:</source>
        <translation>汉字：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latin words and numbers:</source>
        <translation>西文单词和数字：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paragraphs:</source>
        <translation>段落：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pictures:</source>
        <translation>图片：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading time:</source>
        <translation>阅读时间：</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>about %n min</source>
        <translation>
            <numerusform>约 %n 分钟</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../desktop/gui/labels.py" line="+19"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
</context>
<context>
    <name>Team</name>
    <message>
        <location filename="../../desktop/gui/dialogs.py" line="-315"/>
        <source>Server password</source>
        <translation>服务器密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1

Password for %2:</source>
        <translation>%1

%2 的密码：</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/team.py" line="+130"/>
        <source>Newsroom opens the database on this PC instead.</source>
        <extracomment>The settings key of the remembered server (its URL without the password). Notices arriving this close together are handled as one batch. A batch naming more articles than this reads the list again instead.</extracomment>
        <translation>新闻编辑室改为打开本机的数据库。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database open now stays open.</source>
        <translation>当前打开的数据库保持不变。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot connect to the server</source>
        <translation>无法连接服务器</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <location filename="../../desktop/gui/trash_dialog.py" line="+43"/>
        <source>Trash</source>
        <extracomment>Ids of articles brought back to the list. Ids of articles deleted for good (with their history). How many articles emptying the trash deleted for good. Every id restored while the dialog was open, for ``Dialogs.show_trash``.</extracomment>
        <translation>回收站</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Articles moved to the trash keep their text and history until they are deleted forever.</source>
        <translation>移到回收站的稿件会保留文字和修改历史，直到被永久删除。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Column</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deleted</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Versions</source>
        <translation>版本数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The trash is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete forever…</source>
        <translation>永久删除…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Empty trash…</source>
        <translation>清空回收站…</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+13"/>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Delete forever</source>
        <translation>永久删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete these articles forever, with their history? (%n in all)</source>
        <translation>永久删除这些稿件及其历史版本吗？（共 %n 篇）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This cannot be undone.</source>
        <translation>此操作无法撤销。</translation>
    </message>
</context>
<context>
    <name>Upgrade</name>
    <message>
        <location filename="../../desktop/gui/upgrade_dialog.py" line="+31"/>
        <source>Upgrading the database</source>
        <translation>正在升级数据库</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Newsroom is upgrading the database on the server for this version.</source>
        <translation>新闻编辑室正在为这个版本升级服务器上的数据库。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Building the search index anew (once, for this version). This can take several minutes for many articles; if it is stopped, it starts again the next time the database is opened.</source>
        <translation>正在重建搜索索引（这个版本只需一次）。文章多时可能需要几分钟；中途停止的话，下次打开数据库时会重新开始。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Version %1</source>
        <translation>第 %1 版</translation>
    </message>
</context>
<context>
    <name>UploadDialog</name>
    <message>
        <location filename="../../desktop/gui/upload_dialog.py" line="+60"/>
        <location line="+258"/>
        <source>Upload to server</source>
        <translation>上传到服务器</translation>
    </message>
    <message>
        <location line="-247"/>
        <source>Remember in the system keychain</source>
        <translation>记在系统钥匙串中</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>sftp://user@host[:port]/folder, ftps://…, ftp://… (unencrypted) or a folder. Only new and changed files are sent; the site stays whole throughout.</source>
        <translation>sftp://用户@主机[:端口]/文件夹、ftps://…、ftp://…（不加密）或一个文件夹。只发送新增和改动的文件；上传过程中网站始终完整。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Server address:</source>
        <translation>服务器地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported site:</source>
        <translation>导出的网站：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>kept in the system keychain</source>
        <translation>已记在系统钥匙串中</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export the website first.</source>
        <translation>请先导出网站。</translation>
    </message>
    <message>
        <location line="+199"/>
        <source>Upload failed</source>
        <translation>上传失败</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Upload cancelled. Every page on the server is whole; upload again to finish.</source>
        <translation>上传已取消。服务器上的每个页面都是完整的；再次上传即可完成。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Sent %1 files and deleted %2; %3 were already up to date.</source>
        <translation>已发送 %1 个文件，删除 %2 个；%3 个文件已是最新。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The connection dropped %1 times and the upload went on.</source>
        <translation>连接中断了 %1 次，上传已继续完成。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 files on the server are not part of the exported site and were left there.</source>
        <translation>服务器上有 %1 个文件不属于导出的网站，已原样保留。</translation>
    </message>
</context>
<context>
    <name>UploadRunner</name>
    <message>
        <location line="-115"/>
        <source>Uploading the website</source>
        <translation>正在上传网站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting and comparing with the server…</source>
        <translation>正在连接并与服务器比对…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sending %1 of %2 files…</source>
        <translation>正在发送第 %1 个文件，共 %2 个…</translation>
    </message>
</context>
<context>
    <name>WordListDialog</name>
    <message>
        <location filename="../../desktop/gui/wordlist_dialog.py" line="+43"/>
        <source>Office word list</source>
        <translation>本单位词表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Words the proofreader marks in every article: forbidden or outdated terms and the name to use instead. Exceptions are correct words that contain the wrong form, separated by “、”.</source>
        <translation>校对时在每篇稿件中标出的词语：禁用或过时的说法，以及应改用的写法。“例外”填写包含该错误写法的正确词语，用“、”分隔。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wrong form</source>
        <translation>错误写法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use instead</source>
        <translation>正确写法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exceptions</source>
        <translation>例外</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/dialogs.py" line="+253"/>
        <source>Import word list</source>
        <translation>导入词表</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Word lists (%1)</source>
        <translation>词表文件（%1）</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Export word list</source>
        <translation>导出词表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>word-list.tsv</source>
        <translation>word-list.tsv</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/wordlist_dialog.py" line="+71"/>
        <source>the wrong form is empty</source>
        <translation>未填写错误写法</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the suggestion is the same word</source>
        <translation>正确写法与错误写法相同</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” is listed twice</source>
        <translation>“%1”重复出现</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Cannot import the word list</source>
        <translation>无法导入词表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” cannot be read as a word list:
%2</source>
        <translation>无法将“%1”读取为词表：
%2</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Imported %n entries; press OK to keep them.</source>
        <translation>
            <numerusform>已导入 %n 条，按“确定”后保存。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+8"/>
        <source>Cannot export the word list</source>
        <translation>无法导出词表</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Exported %n entries.</source>
        <translation>
            <numerusform>已导出 %n 条。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot save the word list</source>
        <translation>无法保存词表</translation>
    </message>
</context>
</TS>
